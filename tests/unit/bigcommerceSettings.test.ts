// Unit tests: where the BigCommerce settings come from, and which endpoints are accepted.

import { expect } from "chai";
import { readSetting } from "../../provider/config";
import { bigcommerceSettingKeys, bigcommerceSettings } from "../../provider/bigcommerce/settings";
import { redact } from "../../provider/http/redact";

const stackOf = (values: Record<string, string>) => (key: string) => values[key];

describe("BigCommerce settings", () => {
  it("reads stack config before the environment, with the public API as the default endpoint", () => {
    const env = { BIGCOMMERCE_STORE_HASH: "envstore", BIGCOMMERCE_ACCESS_TOKEN: "env-token-123456", BIGCOMMERCE_API_URL: "https://env.example.com/" };
    expect(bigcommerceSettings(stackOf({}), env)).to.deep.equal({
      storeHash: "envstore",
      accessToken: "env-token-123456",
      apiUrl: "https://env.example.com",
      timeoutMs: 30_000,
    });
    expect(bigcommerceSettings(stackOf({ "bigcommerce:storeHash": "abc123", "bigcommerce:accessToken": "stack-token-654321" }), {})).to.deep.equal({
      storeHash: "abc123",
      accessToken: "stack-token-654321",
      apiUrl: "https://api.bigcommerce.com",
      timeoutMs: 30_000,
    });
    expect(redact("token stack-token-654321")).to.equal("token ***");
    expect(readSetting(bigcommerceSettingKeys.storeHash, stackOf({}), { BIGCOMMERCE_STORE_HASH: " envstore " })).to.equal("envstore");
    expect(readSetting(bigcommerceSettingKeys.storeHash, stackOf({ "bigcommerce:storeHash": "abc" }), { BIGCOMMERCE_STORE_HASH: "envstore" })).to.equal("abc");
  });

  it("accepts the API path from the store's credentials when it names the same store", () => {
    const stack = stackOf({
      "bigcommerce:storeHash": "abc123",
      "bigcommerce:accessToken": "t-123456",
      "bigcommerce:apiUrl": "https://api.bigcommerce.com/stores/abc123/v3/",
    });
    expect(bigcommerceSettings(stack, {}).apiUrl).to.equal("https://api.bigcommerce.com");
    const other = stackOf({
      "bigcommerce:storeHash": "abc123",
      "bigcommerce:accessToken": "t-123456",
      "bigcommerce:apiUrl": "https://api.bigcommerce.com/stores/zzz/v2",
    });
    expect(() => bigcommerceSettings(other, {})).to.throw(/is the API path of store 'zzz', but bigcommerce:storeHash \(BIGCOMMERCE_STORE_HASH\) is 'abc123'/);
  });

  it("refuses plain http except to this machine, and a store hash that cannot be one", () => {
    const base = { "bigcommerce:storeHash": "abc123", "bigcommerce:accessToken": "t-123456" };
    expect(bigcommerceSettings(stackOf({ ...base, "bigcommerce:apiUrl": "http://127.0.0.1:8787" }), {}).apiUrl).to.equal("http://127.0.0.1:8787");
    expect(() => bigcommerceSettings(stackOf({ ...base, "bigcommerce:apiUrl": "http://api.example.com" }), {})).to.throw(/plain http to api.example.com/);
    expect(() => bigcommerceSettings(stackOf({ ...base, "bigcommerce:storeHash": "abc/../x" }), {})).to.throw(/must be the store hash/);
  });

  it("lists everything missing at once, with where to set it", () => {
    expect(() => bigcommerceSettings(stackOf({}), {})).to.throw(
      "bigcommerce is not configured. Missing settings:\n  - bigcommerce:storeHash (`pulumi config set bigcommerce:storeHash <value>`, or the environment variable BIGCOMMERCE_STORE_HASH)" +
        "\n  - bigcommerce:accessToken (`pulumi config set --secret bigcommerce:accessToken <value>`, or the environment variable BIGCOMMERCE_ACCESS_TOKEN)",
    );
  });
});
