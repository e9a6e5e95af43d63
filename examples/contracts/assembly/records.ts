// Simple records: any member organisation may write a record; the record remembers who wrote it last.
import { argCount, argString, getString, putString, remove, rangeKeys, returnString, callerOrganisation,
         transactionId, emit, reject, notFound } from "./consortia";

const PREFIX = "rec:";

function requireArgs(n: i32): void {
  if (argCount() != n) reject("expected " + n.toString() + " arguments, got " + argCount().toString());
}

/** put(id, value): stores the value under id. */
export function put(): void {
  requireArgs(2);
  const id = argString(0);
  if (id.length == 0) reject("empty record id");
  putString(PREFIX + id, argString(1));
  putString("by:" + id, callerOrganisation());
  emit("RecordPut", id + "@" + transactionId());
}

/** get(id): returns the value; an unknown id is not found. */
export function get(): void {
  requireArgs(1);
  const value = getString(PREFIX + argString(0));
  if (value == null) notFound("no record " + argString(0));
  returnString(value!);
}

/** remove(id): only the organisation that wrote the record may remove it. */
export function del(): void {
  requireArgs(1);
  const id = argString(0);
  const by = getString("by:" + id);
  if (by == null) notFound("no record " + id);
  if (by! != callerOrganisation()) reject("record " + id + " belongs to " + by!);
  remove(PREFIX + id);
  remove("by:" + id);
}

/** list(): ids of up to 100 records, one per line. */
export function list(): void {
  const keys = rangeKeys(PREFIX, "rec;", 100);
  let out = "";
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) out += "\n";
    out += keys[i].substring(PREFIX.length);
  }
  returnString(out);
}
