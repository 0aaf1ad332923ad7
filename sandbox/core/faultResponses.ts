// What an injected status fault looks like on each vendor's wire, so clients parse it as they would a real one.
import { bcError } from "../bigcommerce/format";
import type { RateLimiter } from "../bigcommerce/rateLimit";
import { jsonResponse, type SandboxResponse } from "./http";
import { failure } from "../revcent/envelope";
import type { StatusFault } from "./faults";
import type { Vendor } from "./vendor";

const REASONS: Record<number, string> = {
  429: "Too many requests.",
  500: "Internal server error.",
  502: "Bad gateway.",
  503: "Service unavailable.",
  504: "Gateway timeout.",
};

export function faultResponse(vendor: Vendor, fault: StatusFault, limiter: RateLimiter): SandboxResponse {
  const status = fault.status;
  const message = REASONS[status] ?? "Error.";
  const retry: Record<string, string> = fault.retryAfterSeconds !== undefined ? { "retry-after": String(fault.retryAfterSeconds) } : {};
  switch (vendor) {
    case "commercetools": {
      const code = status === 429 ? "TooManyRequests" : status === 503 ? "ServiceUnavailable" : "General";
      return jsonResponse(status, { statusCode: status, message, errors: [{ code, message }] }, retry);
    }
    case "bigcommerce": {
      const headers = limiter.headers(fault.retryAfterSeconds !== undefined ? fault.retryAfterSeconds * 1000 : undefined);
      // A throttled answer reports the quota as spent.
      if (status === 429) headers["x-rate-limit-requests-left"] = "0";
      return bcError(status, message, { ...headers, ...retry });
    }
    case "revcent":
      return failure(status, status === 429 ? "rate_limited" : "server_error", message, retry);
  }
}
