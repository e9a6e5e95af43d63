// Escrow between organisations: the buyer opens it naming a seller and an arbiter; the buyer or the arbiter may
// release the funds to the seller, the seller or the arbiter may refund the buyer. Only the three parties may see it.
import { argCount, argString, getString, putString, returnString, callerOrganisation, emit, reject } from "./consortia";

const OPEN = "OPEN";

class Escrow {
  constructor(public buyer: string, public seller: string, public arbiter: string, public amount: string,
              public status: string) {}

  encode(): string {
    return this.buyer + "|" + this.seller + "|" + this.arbiter + "|" + this.amount + "|" + this.status;
  }

  isParty(org: string): bool {
    return org == this.buyer || org == this.seller || org == this.arbiter;
  }
}

function key(id: string): string {
  return "escrow:" + id;
}

function load(id: string): Escrow {
  const raw = getString(key(id));
  if (raw == null) reject("no escrow " + id);
  const f = raw!.split("|");
  return new Escrow(f[0], f[1], f[2], f[3], f[4]);
}

function requireArgs(n: i32): void {
  if (argCount() != n) reject("expected " + n.toString() + " arguments, got " + argCount().toString());
}

function isAmount(s: string): bool {
  if (s.length == 0 || s.length > 18) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** open(id, seller, arbiter, amount): the caller is the buyer. */
export function open(): void {
  requireArgs(4);
  const id = argString(0);
  if (getString(key(id)) != null) reject("escrow " + id + " exists");
  const buyer = callerOrganisation();
  const seller = argString(1);
  const arbiter = argString(2);
  const amount = argString(3);
  if (!isAmount(amount)) reject("amount must be a positive whole number");
  if (seller == buyer || arbiter == buyer || arbiter == seller) reject("buyer, seller and arbiter must differ");
  putString(key(id), new Escrow(buyer, seller, arbiter, amount, OPEN).encode());
  emit("EscrowOpened", id);
}

function settle(allowed: string, verb: string, to: string, id: string): void {
  const e = load(id);
  const caller = callerOrganisation();
  if (!e.isParty(caller)) reject(caller + " is not a party to escrow " + id);
  if (e.status != OPEN) reject("escrow " + id + " is " + e.status);
  const party = allowed == "buyer" ? e.buyer : e.seller;
  if (caller != party && caller != e.arbiter) reject(caller + " may not " + verb + " escrow " + id);
  e.status = to;
  putString(key(id), e.encode());
  emit("Escrow" + to, id);
}

/** release(id): buyer or arbiter; the funds go to the seller. */
export function release(): void {
  requireArgs(1);
  settle("buyer", "release", "RELEASED", argString(0));
}

/** refund(id): seller or arbiter; the funds go back to the buyer. */
export function refund(): void {
  requireArgs(1);
  settle("seller", "refund", "REFUNDED", argString(0));
}

/** status(id): "buyer|seller|arbiter|amount|status", for the parties only. */
export function status(): void {
  requireArgs(1);
  const id = argString(0);
  const e = load(id);
  if (!e.isParty(callerOrganisation())) reject(callerOrganisation() + " is not a party to escrow " + id);
  returnString(e.encode());
}
