// What differs between the recorded and the desired BigCommerce group, the one PUT body that converges it, and the overwrite warning.

import { Field, GroupInputs, GroupState, sameAccess, sameRules } from "./model";
import { toWireAccess, toWireRule, WireBody } from "./wire";

/** The arguments whose desired value differs from the recorded one; undeclared arguments never differ. */
export function changedFields(current: GroupState, desired: GroupInputs): Field[] {
  const changed: Field[] = [];
  if (current.name !== desired.name) changed.push("name");
  if (desired.isDefault !== undefined && current.isDefault !== desired.isDefault) changed.push("isDefault");
  if (desired.categoryAccess !== undefined && !sameAccess(current.categoryAccess, desired.categoryAccess)) changed.push("categoryAccess");
  if (desired.discountRules !== undefined && !sameRules(current.discountRules, desired.discountRules)) changed.push("discountRules");
  // State written before the guest flag was recorded does not know it: sending the declared value is always right.
  if (desired.isGroupForGuests !== undefined && current.isGroupForGuests !== desired.isGroupForGuests) changed.push("isGroupForGuests");
  return changed;
}

/**
 * The PUT body that makes `current` into `desired`: only the changed fields. The store overwrites the rule set as a
 * whole, so changed rules go as the complete desired set (`[]` removes them all); unchanged rules are left out.
 */
export function toUpdateBody(current: GroupState, desired: GroupInputs): WireBody {
  const body: WireBody = {};
  for (const field of changedFields(current, desired)) {
    if (field === "name") body.name = desired.name;
    if (field === "isDefault") body.is_default = desired.isDefault;
    if (field === "categoryAccess") body.category_access = toWireAccess(desired.categoryAccess!);
    if (field === "discountRules") body.discount_rules = desired.discountRules!.map(toWireRule);
    if (field === "isGroupForGuests") body.is_group_for_guests = desired.isGroupForGuests;
  }
  return body;
}

const bodyFields: Record<keyof WireBody, Field> = {
  name: "name",
  is_default: "isDefault",
  category_access: "categoryAccess",
  discount_rules: "discountRules",
  is_group_for_guests: "isGroupForGuests",
};

/** The arguments a PUT body overwrites. */
export function fieldsOfBody(body: WireBody): Field[] {
  return (Object.keys(body) as (keyof WireBody)[]).filter((k) => body[k] !== undefined).map((k) => bodyFields[k]);
}

/**
 * The warning to give before a PUT when the group was changed outside Pulumi since the state was written, in a field
 * the PUT is about to overwrite; undefined when there is nothing to warn about.
 */
export function overwriteWarning(lastKnown: GroupState, live: GroupState, body: WireBody): string | undefined {
  const edited = fieldsOfBody(body).filter((field) => {
    switch (field) {
      case "name":
        return lastKnown.name !== live.name;
      case "isDefault":
        return lastKnown.isDefault !== live.isDefault;
      case "categoryAccess":
        return !sameAccess(lastKnown.categoryAccess, live.categoryAccess);
      case "discountRules":
        return !sameRules(lastKnown.discountRules, live.discountRules);
      case "isGroupForGuests":
        return lastKnown.isGroupForGuests !== undefined && lastKnown.isGroupForGuests !== live.isGroupForGuests;
    }
  });
  if (edited.length === 0) return undefined;
  const list = edited.join(", ");
  return (
    `bigcommerce customer group ${live.groupId} ('${live.name}') in store '${live.storeHash}' was changed outside Pulumi since it was last ` +
    `read (${list}); this update overwrites ${edited.length === 1 ? "that change" : "those changes"} with the program's values. ` +
    "Run `pulumi refresh` (or `pulumi up --refresh`) to see such changes before applying."
  );
}

/**
 * The fields someone changed in the store since the state was written (`lastKnown`), of those a delete must not go
 * blind about: the name, the catalogue access and the rules. The roles (default, guest) are judged apart: this very run
 * may have moved them to another group.
 */
export function changedSince(lastKnown: GroupState, live: GroupState): Field[] {
  const changed: Field[] = [];
  if (lastKnown.name !== live.name) changed.push("name");
  if (!sameAccess(lastKnown.categoryAccess, live.categoryAccess)) changed.push("categoryAccess");
  if (!sameRules(lastKnown.discountRules, live.discountRules)) changed.push("discountRules");
  return changed;
}
