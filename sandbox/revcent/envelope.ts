// RevCent's response envelopes: code 1 with paging counters on success, code 0 with error_code/message/result on failure.
import { jsonResponse, type SandboxResponse } from "../core/http";
import { revcentId } from "../core/ids";

export interface RevcentSuccess<T> {
  code: 1;
  api_call_id: string;
  api_call_unix: number;
  current_count: number;
  current_page: number;
  total_count: number;
  total_pages: number;
  results: T[];
}

export interface RevcentFailure {
  code: 0;
  api_call_id: string;
  api_call_unix: number;
  error_code: string;
  message: string;
  result: string;
}

const unixNow = () => Math.floor(Date.now() / 1000);

/** One page of `all`, 1-based. */
export function successPage<T>(all: readonly T[], page: number, limit: number): SandboxResponse {
  const results = all.slice((page - 1) * limit, page * limit);
  const body: RevcentSuccess<T> = {
    code: 1,
    api_call_id: revcentId(),
    api_call_unix: unixNow(),
    current_count: results.length,
    current_page: page,
    total_count: all.length,
    total_pages: Math.ceil(all.length / limit),
    results,
  };
  return jsonResponse(200, body);
}

export function failure(status: number, errorCode: string, message: string, headers: Record<string, string> = {}): SandboxResponse {
  const body: RevcentFailure = {
    code: 0,
    api_call_id: revcentId(),
    api_call_unix: unixNow(),
    error_code: errorCode,
    message,
    result: "The API call failed.",
  };
  return jsonResponse(status, body, headers);
}
