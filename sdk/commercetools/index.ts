// cg.commercetools: resources of the commercetools backend.

export { CustomerGroup, CustomerGroupArgs, CustomFieldsArgs, TypeReference } from "./customerGroup";
