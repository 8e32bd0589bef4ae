// Types of Update Source Planner's fence reader (see fences.js), for site builds in Node.

import type { Unreadable } from "./planner";

export const version: string;
/** The bytes of build/fences_bg.wasm, or a compiled module. */
export function initSync(wasm: BufferSource | WebAssembly.Module): void;
/** What a fence shows: the live element's attributes, or a `static` fence's figure. */
export type Fence = { element: Record<string, string> } | { figure: string };
export function fence(
  info: string,
  body: string,
  options?: { line?: number; strict?: boolean; read?: (path: string) => string },
): Fence | Unreadable;
