// Sizes each planner frame to its content: the embed view posts
// { type: "usp:height", height } whenever its height changes.
addEventListener("message", (e) => {
  if (e.data?.type !== "usp:height" || typeof e.data.height !== "number") return;
  for (const frame of document.querySelectorAll("iframe.planner-frame")) {
    if (frame.contentWindow === e.source) frame.style.height = `${Math.ceil(e.data.height)}px`;
  }
});
