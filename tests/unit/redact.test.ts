// Unit tests: secrets never reach a message.

import { expect } from "chai";
import { ConfigError } from "../../provider/errors";
import { ApiError } from "../../provider/http/errors";
import { redact, registerSecret } from "../../provider/http/redact";
import { checkBaseUrl } from "../../provider/http/url";

describe("redaction and endpoint checks", () => {
  it("removes registered secrets and credential-shaped text", () => {
    registerSecret("s3cr3t-value-123");
    expect(redact("client secret s3cr3t-value-123 leaked")).to.equal("client secret *** leaked");
    expect(redact("Authorization: Bearer abc.def-ghi")).to.equal("Authorization: Bearer ***");
    expect(redact('{"access_token":"tok123456"}')).to.equal('{"access_token":"***"}');
  });

  it("redacts ApiError and ConfigError messages", () => {
    registerSecret("another-secret-999");
    const e = new ApiError({ backend: "commercetools", status: 400, operation: "POST /x" }, "bad another-secret-999");
    expect(e.message).to.equal("commercetools: POST /x failed, HTTP 400: bad ***");
    expect(new ConfigError("x another-secret-999").message).to.equal("x ***");
  });

  it("refuses plain http except to loopback", () => {
    expect(checkBaseUrl("apiUrl", "http://127.0.0.1:8080/")).to.equal("http://127.0.0.1:8080");
    expect(checkBaseUrl("apiUrl", "http://localhost:1")).to.equal("http://localhost:1");
    expect(checkBaseUrl("apiUrl", "https://api.example.com")).to.equal("https://api.example.com");
    expect(() => checkBaseUrl("apiUrl", "http://api.example.com")).to.throw(ConfigError, /plain http to api.example.com/);
    expect(() => checkBaseUrl("apiUrl", "not a url")).to.throw(ConfigError, /apiUrl is not a valid URL/);
  });
});
