// Unit tests: where the RevCent settings come from, which endpoints are accepted, and how RevCent's envelopes are read.

import { expect } from "chai";
import { lastPage, parseRevCentError } from "../../provider/revcent/client";
import { revcentSettings } from "../../provider/revcent/settings";
import { redact } from "../../provider/http/redact";

const stackOf = (values: Record<string, string>) => (key: string) => values[key];

describe("RevCent settings and envelopes", () => {
  it("reads stack config before the environment, with the public API as the default endpoint", () => {
    expect(revcentSettings(stackOf({ "revcent:apiKey": "stack-key-123456" }), { REVCENT_API_KEY: "env-key-654321" })).to.deep.equal({
      apiKey: "stack-key-123456",
      apiUrl: "https://api.revcent.com",
      timeoutMs: 30_000,
    });
    expect(revcentSettings(stackOf({}), { REVCENT_API_KEY: " env-key-654321 ", REVCENT_API_URL: "https://eu.example.com/" })).to.deep.equal({
      apiKey: "env-key-654321",
      apiUrl: "https://eu.example.com",
      timeoutMs: 30_000,
    });
    expect(redact("key env-key-654321")).to.equal("key ***");
  });

  it("accepts the base URL with or without /v2, and plain http only to this machine", () => {
    const key = { "revcent:apiKey": "k-1234567" };
    expect(revcentSettings(stackOf({ ...key, "revcent:apiUrl": "https://api.revcent.com/v2/" }), {}).apiUrl).to.equal("https://api.revcent.com");
    expect(revcentSettings(stackOf({ ...key, "revcent:apiUrl": "http://127.0.0.1:8787/v2" }), {}).apiUrl).to.equal("http://127.0.0.1:8787");
    expect(() => revcentSettings(stackOf({ ...key, "revcent:apiUrl": "http://api.example.com" }), {})).to.throw(/plain http to api.example.com/);
  });

  it("says where to set a missing API key", () => {
    expect(() => revcentSettings(stackOf({}), {})).to.throw(
      "revcent is not configured. Missing settings:\n  - revcent:apiKey (`pulumi config set --secret revcent:apiKey <value>`, or the environment variable REVCENT_API_KEY)",
    );
  });

  it("reads the error envelope's error_code and message", () => {
    expect(
      parseRevCentError(400, {
        code: 0,
        api_call_id: "x",
        error_code: "invalid_parameter",
        message: "The parameter 'page' must be 1 or more.",
        result: "failed",
      }),
    ).to.deep.equal({
      code: "invalid_parameter",
      message: "The parameter 'page' must be 1 or more.",
    });
    expect(parseRevCentError(500, { code: 0, result: "The API call failed." })).to.deep.equal({ code: undefined, message: "The API call failed." });
    expect(parseRevCentError(502, "<html>Bad gateway</html>")).to.deep.equal({ message: "<html>Bad gateway</html>" });
    expect(parseRevCentError(503, undefined)).to.deep.equal({ message: "HTTP 503" });
  });

  it("ends paging at total_pages, on an empty page, or when the server repeats a page", () => {
    expect(lastPage({ results: [1], currentPage: 1, totalPages: 3 }, 1)).to.equal(false);
    expect(lastPage({ results: [1], currentPage: 3, totalPages: 3 }, 3)).to.equal(true);
    // An empty page before total_pages (the data shrank while paging) ends it; the same page with a result does not.
    expect(lastPage({ results: [], currentPage: 2, totalPages: 5 }, 2)).to.equal(true);
    expect(lastPage({ results: [1], currentPage: 2, totalPages: 5 }, 2)).to.equal(false);
    // Nothing at all.
    expect(lastPage({ results: [], currentPage: 0, totalPages: 0 }, 1)).to.equal(true);
    // A server that answers current_page 1 whatever is asked: the page asked for counts.
    expect(lastPage({ results: [1], currentPage: 1, totalPages: 3 }, 2)).to.equal(false);
    expect(lastPage({ results: [1], currentPage: 1, totalPages: 3 }, 3)).to.equal(true);
  });
});
