// A BigCommerce rule in a merchant's words, by what its method means in BigCommerce's current reference (Price Lists and
// Catalog: "price – the adjustment amount per product; percent – the adjustment as a percentage of the original price;
// fixed – the adjusted absolute price of the product"): `12.00 off`, `5 % off`, `fixed price 9.99`, and a price list's
// prices outright. One wording for review, drift, export and the docs.

import { ours, say, type Text, value } from "../text";
import { isPriceList, type DiscountRule, type PriceListRule } from "./model";

/** A number the store or the program gave, as a number (a value that is not one is shown as a value). */
export const num = (n: unknown): Text => (typeof n === "number" ? say`${n}` : value(n));

/** An amount of money: two decimals, more where the store keeps them (`12.00`, `9.9999`). */
export const money = (n: unknown): Text =>
  typeof n === "number" && Number.isFinite(n) ? (Math.round(n * 100) === n * 100 ? ours(n.toFixed(2)) : say`${n}`) : value(n);

/** What a rule applies to: `the whole store`, `product 33`, `category 7`. */
export const targetOf = (rule: DiscountRule): Text =>
  rule.type === "product" ? say`product ${num(rule.productId)}` : rule.type === "category" ? say`category ${num(rule.categoryId)}` : say`the whole store`;

/** What a rule does to the price: `5 % off`, `12.00 off`, `fixed price 9.99`, `prices from price list 7`. */
export function effectOf(rule: DiscountRule | PriceListRule): Text {
  if (isPriceList(rule)) return say`prices from price list ${num(rule.priceListId)}`;
  if (rule.method === "percent") return say`${num(rule.amount)} % off`;
  if (rule.method === "price") return say`${money(rule.amount)} off`;
  return say`fixed price ${money(rule.amount)}`;
}
