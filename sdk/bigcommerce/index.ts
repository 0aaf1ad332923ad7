// cg.bigcommerce: resources of the BigCommerce backend.

export { CategoryAccessArgs, CustomerGroup, CustomerGroupArgs, DiscountRule, DiscountRuleArgs } from "./customerGroup";
