// What a person sees, measured in the page: where the text is drawn, what
// covers what, what scrolls sideways, how large the controls and the
// presenter's picture are. Each function runs inside the page (passed to
// page.evaluate) and returns a list of problems in words, empty when the
// screen is as it should be.

/// Everything wrong with the screen as drawn now. `options`:
/// `steps` (check the trace's steps), `targets` (controls at least 24×24).
export function inspect(options) {
  const problems = [];
  const say = (text) => { if (problems.length < 40) problems.push(text); };
  const vw = document.documentElement.clientWidth;
  const name = (el) => {
    const id = el.dataset?.testid ? `[data-testid=${el.dataset.testid}]` : "";
    const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
    return `${el.tagName.toLowerCase()}${id}${cls}`;
  };
  const visible = (el) => el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  // The box a thing is drawn in once every clipping ancestor has cut it;
  // `inside`: the thing is content of `el` (text), which `el` clips too.
  const clipped = (el, rect, inside = false) => {
    let r = { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
    for (let a = el; a; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.clipPath !== "none" && s.clipPath) return null;
      if ((inside || a !== el) && (s.overflowX !== "visible" || s.overflowY !== "visible")) {
        const c = a.getBoundingClientRect();
        r = { left: Math.max(r.left, c.left), top: Math.max(r.top, c.top), right: Math.min(r.right, c.right), bottom: Math.min(r.bottom, c.bottom) };
      }
      if (r.right - r.left <= 1 || r.bottom - r.top <= 1) return null;
    }
    return r;
  };
  const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TITLE", "OPTION", "TEXTAREA", "TEMPLATE"]);
  // Every piece of visible text, one rectangle per line box.
  const pieces = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || SKIP.has(el.tagName) || el.closest("title, select, .visually-hidden") || !visible(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) {
      if (rect.width < 2 || rect.height < 2) continue;
      const r = clipped(el, rect, true);
      if (r) pieces.push({ el, node, r, text: node.textContent.trim().slice(0, 40) });
    }
  }
  // Text a picture cuts at its edge.
  for (const p of pieces) {
    const svg = p.el.closest("svg");
    if (!svg) continue;
    const box = svg.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(p.node);
    const r = range.getBoundingClientRect();
    if (r.top < box.top - 1 || r.bottom > box.bottom + 1 || r.left < box.left - 1 || r.right > box.right + 1) {
      say(`text "${p.text}" is cut at the edge of its picture`);
    }
  }
  // Text of a picture's box drawn past the box.
  for (const g of document.querySelectorAll("svg g")) {
    const rect = g.querySelector(":scope > rect");
    if (!rect || !g.checkVisibility()) continue;
    const box = rect.getBoundingClientRect();
    for (const t of g.querySelectorAll(":scope > text")) {
      const r = t.getBoundingClientRect();
      if (r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1)) {
        say(`text "${t.textContent.slice(0, 40)}" runs out of its box in the picture (${Math.round(r.right - box.right)} px)`);
      }
    }
  }
  // Two pieces of text drawn over each other. Intended overlays (a rule's
  // quote, opened) are allowed to lie over the page.
  const overlay = (el) => el.closest(".rule[open] .quote");
  const inter = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
  for (let i = 0; i < pieces.length; i++) {
    for (let j = i + 1; j < pieces.length; j++) {
      const a = pieces[i], b = pieces[j];
      if (a.node === b.node || overlay(a.el) || overlay(b.el)) continue;
      if (inter(a.r, b.r)) say(`text "${a.text}" (${name(a.el)}) overlaps "${b.text}" (${name(b.el)})`);
    }
  }
  // Text covered by something else drawn on top of it.
  for (const p of pieces) {
    const x = (p.r.left + p.r.right) / 2, y = (p.r.top + p.r.bottom) / 2;
    if (x < 0 || y < 0 || x >= vw || y >= innerHeight || overlay(p.el)) continue;
    const hit = document.elementFromPoint(x, y);
    if (!hit) continue;
    const related = hit === p.el || hit.contains(p.el) || p.el.contains(hit) || hit.parentElement === p.el.parentElement
      || (hit.closest("svg") && hit.closest("svg") === p.el.closest("svg") && hit.closest("g") === p.el.closest("g"));
    if (!related && !overlay(hit)) say(`text "${p.text}" (${name(p.el)}) is covered by ${name(hit)}`);
  }
  // Nothing wider than the screen, no table scrolling sideways.
  const page = document.scrollingElement;
  if (page.scrollWidth > page.clientWidth + 1) {
    // Name what reaches furthest right, hidden or not.
    let widest = null, right = 0;
    for (const el of document.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect();
      if (r.right > right) { right = r.right; widest = el; }
    }
    // Text running out of its box counts too.
    const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let t = texts.nextNode(); t; t = texts.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(t);
      const r = range.getBoundingClientRect();
      if (r.right > right && t.parentElement) { right = r.right; widest = t.parentElement; }
    }
    say(`the page scrolls sideways: ${page.scrollWidth} px in ${page.clientWidth}${widest ? `, ${name(widest)} reaching ${Math.round(right)}` : ""}`);
  }
  for (const el of document.querySelectorAll("body *")) {
    if (el.tagName === "TEXTAREA" || !visible(el)) continue;
    const s = getComputedStyle(el);
    if ((s.overflowX === "auto" || s.overflowX === "scroll") && el.scrollWidth > el.clientWidth + 1) {
      say(`${name(el)} scrolls sideways: ${el.scrollWidth} px in ${el.clientWidth}`);
    }
  }
  for (const el of document.querySelectorAll("body *")) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    const c = r.width > 0 && !el.closest(".visually-hidden") ? clipped(el, r) : null;
    if (c && (c.right > vw + 1 || c.left < -1)) {
      say(`${name(el)} reaches past the screen: ${Math.round(c.left)}..${Math.round(c.right)} of ${vw}`);
    }
  }
  // Every step inside the list, in order, on the screen's width.
  if (options.steps) {
    const list = document.querySelector('[data-testid="trace"]');
    if (!list) say("no trace list");
    else {
      const box = list.getBoundingClientRect();
      let last = -Infinity;
      for (const li of list.querySelectorAll(":scope > li")) {
        const r = li.getBoundingClientRect();
        if (!visible(li) || r.height < 2) { say(`step ${li.dataset.n} is not drawn`); continue; }
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
          say(`step ${li.dataset.n} is drawn outside the list: ${Math.round(r.left)},${Math.round(r.top)} not in ${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)}`);
        }
        if (r.top < last) say(`step ${li.dataset.n} is drawn above the step before it`);
        last = r.top;
      }
    }
  }
  // Controls a thumb can hit: at least 24×24 (WCAG 2.2, 2.5.8).
  if (options.targets) {
    const controls = document.querySelectorAll('button, a[href], input:not([type="hidden"]), select, summary, [role="button"], [role="tab"]');
    for (const c of controls) {
      if (!visible(c)) continue;
      // A box ticked through its label is hit on the label.
      const target = (c.type === "checkbox" || c.type === "radio") && c.closest("label") ? c.closest("label") : c;
      const r = target.getBoundingClientRect();
      if (!clipped(target, r)) continue;
      if (r.width < 23.5 || r.height < 23.5) say(`${name(target)} "${(target.textContent || target.getAttribute("aria-label") || "").trim().slice(0, 30)}" is ${Math.round(r.width)}×${Math.round(r.height)} px`);
    }
  }
  return problems;
}

/// The presenter at its current step: the picture's text size in pixels
/// (smallest), the current step in the window, nothing of a later step shown.
export function presenterLooks() {
  const problems = [];
  const step = document.querySelector(".step.current");
  const n = Number(step?.dataset.n ?? 0);
  const svg = document.querySelector(".presenter-picture svg");
  let smallest = Infinity;
  if (svg) {
    const k = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const kh = svg.getBoundingClientRect().height / svg.viewBox.baseVal.height;
    for (const t of svg.querySelectorAll("text")) {
      if (!t.checkVisibility()) continue;
      smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize) * Math.min(k, kh));
    }
    for (const g of svg.querySelectorAll("[data-step]")) {
      if (Number(g.dataset.step) > n) problems.push(`step ${n}: the arrow of step ${g.dataset.step} is drawn already`);
    }
  }
  if (!step) problems.push("no current step");
  else {
    const r = step.getBoundingClientRect();
    if (r.top < 0 || r.bottom > innerHeight + 1 || r.left < 0 || r.right > innerWidth + 1) {
      problems.push(`step ${n} is cut: ${Math.round(r.top)}..${Math.round(r.bottom)} of ${innerHeight}`);
    }
  }
  return { problems, smallest, n, cards: [...document.querySelectorAll(".presenter-outcome .card")].map((c) => c.dataset.told) };
}
