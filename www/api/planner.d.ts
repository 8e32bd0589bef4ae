// Types of Update Source Planner's JavaScript API (see planner.js).

export type Item = "domain-settings" | "components" | "programs";
export type Status = "updated" | "not-updated" | "not-started" | "excluded";
export type StepKind = "trigger" | "settings" | "match" | "attempt" | "skip" | "quit" | "note";

/** A scenario in the format of SPEC §2 (or its JSON text). */
export type Scenario = { version: number; profile: string; [field: string]: unknown } | string;

export interface Step {
  n: number;
  kind: StepKind;
  rule: string;
  text: string;
  item?: Item;
  source?: string;
  entry?: number;
  line?: number;
  result?: "delivered" | "failed";
  reason?: string;
  failed_by?: string;
  assumed: boolean;
}

export interface Warning { rule: string; text: string; line?: number }
export interface InputError { line: number; column: number; text: string; rule: string; field?: string }

export interface Trace {
  profile: string;
  steps: Step[];
  outcome: Partial<Record<Item, { status: Status; source?: string }>>;
  warnings: Warning[];
  errors: InputError[];
}

/** What a document that is not a scenario gives. */
export interface Unreadable { errors: InputError[] }

export interface Rule { id: string; title: string; quote: string; basis: string; assumed: boolean }

export const version: string;
/** Where core_bg.wasm is, or its bytes, or a compiled module. */
export type WasmSource = string | URL | Request | Response | BufferSource | WebAssembly.Module;
export default function init(wasm?: WasmSource): Promise<unknown>;
export function initSync(wasm: BufferSource | WebAssembly.Module): void;
export function trace(scenario: Scenario, options?: { lines?: boolean }): Trace | Unreadable;
export function lint(scenario: Scenario): { warnings: Warning[]; errors: InputError[] } | Unreadable;
export function diagram(scenario: Scenario, options?: { item?: Item; themed?: boolean; scale?: "page" | "phone" }): string | Unreadable;
export function heading(scenario: Scenario, options?: { item?: Item; caption?: string }): { title: string; case: string; leftOut?: string } | Unreadable;
export function link(scenario: Scenario): string | Unreadable;
export function rules(): Rule[];
