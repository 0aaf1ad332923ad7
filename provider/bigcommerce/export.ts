// `export` of BigCommerce groups: each live group in the provider's own form (amounts as numbers, rules in canonical
// order), adopted by name. What the provider cannot read is left out (so not managed) and shown in a comment; a rule
// that sets prices rather than taking something off is said so in words.

import type { ExportEntry } from "../backend";
import { plain, say } from "../text";
import { isPriceList, optionalFields } from "./model";
import type { CustomerGroupArgs } from "./types";
import { validateGroup } from "./validation";
import { stateOfGroup, WireGroup } from "./wire";
import { effectOf, targetOf } from "./words";

export function exportEntries(live: readonly WireGroup[], connection: string | undefined): ExportEntry<CustomerGroupArgs>[] {
  return live.map((group) => {
    // The store hash is not part of the arguments.
    const { state, problems } = stateOfGroup(group, "", optionalFields, true);
    const args: CustomerGroupArgs = { name: state.name };
    if (connection !== undefined) args.connection = connection;
    args.adopt = true;
    args.isDefault = state.isDefault;
    args.isGroupForGuests = state.isGroupForGuests === true;
    // A field the provider cannot read (a rule like the swapped one in BigCommerce's own example) is left out, so it is
    // not managed and `pulumi up` adopts the group without touching it; the comment shows it as the store holds it.
    const rulesAreAList = Array.isArray(group.discount_rules) || group.discount_rules == null;
    const fields = {
      categoryAccess: { value: state.categoryAccess, raw: group.category_access },
      discountRules: { value: rulesAreAList ? state.discountRules : group.discount_rules, raw: group.discount_rules },
    };
    const unreadable: string[] = [];
    for (const [field, { value, raw }] of Object.entries(fields)) {
      if (validateGroup({ name: state.name, [field]: value }).length > 0) {
        unreadable.push(`  ${field}: ${JSON.stringify(raw)}`);
      } else {
        (args as unknown as Record<string, unknown>)[field] = value;
      }
    }
    // `fixed` reads like an amount off and is the price itself; a price list sets prices outright: said in words.
    const priced = (Array.isArray(args.discountRules) ? args.discountRules : []).filter((r) => isPriceList(r) || r.method === "fixed");
    const comment = [
      ...(unreadable.length > 0
        ? [
            "The provider cannot read part of this group; it is left out, so `pulumi up` leaves it as the store holds it:",
            ...unreadable,
            ...problems.map((p) => `- ${p}`),
            "Declare it here (for discountRules, the complete set) to replace it.",
          ]
        : []),
      ...priced.map((r) => `Sets prices, takes nothing off: ${plain(isPriceList(r) ? effectOf(r) : say`${targetOf(r)} at ${effectOf(r)}`)}.`),
    ];
    return { nameFrom: group.name, id: group.id, args, ...(comment.length > 0 && { comment }) };
  });
}
