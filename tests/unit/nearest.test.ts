// Unit tests: "did you mean" picks the nearest name within a third of its length, swaps of two letters counting once.

import { expect } from "chai";
import { didYouMean, editDistance, nearest } from "../../provider/nearest";

describe("nearest name", () => {
  it("counts inserts, deletes, substitutions and swaps", () => {
    expect(editDistance("ue", "eu")).to.equal(1);
    expect(editDistance("bakend", "backend")).to.equal(1);
    expect(editDistance("us", "eu")).to.equal(2);
    expect(editDistance("", "abc")).to.equal(3);
  });

  it("suggests the nearest candidate when it is close enough, never the word itself or a distant one", () => {
    expect(nearest("ue", ["us", "eu", "apac"])).to.deep.equal(["us", "eu"]);
    expect(nearest("--bakend", ["--backend", "--stack", "--out"])).to.deep.equal(["--backend"]);
    expect(nearest("EU", ["eu"])).to.deep.equal([]);
    expect(nearest("apac", ["eu", "us"])).to.deep.equal([]);
    expect(nearest("x", [])).to.deep.equal([]);
    expect(didYouMean("ue", ["us", "eu"])).to.equal("Did you mean 'us' or 'eu'?");
    expect(didYouMean("stagin", ["staging", "prod"])).to.equal("Did you mean 'staging'?");
    expect(didYouMean("apac", ["eu"])).to.equal("");
  });
});
