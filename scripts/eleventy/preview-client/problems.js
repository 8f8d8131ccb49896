/**
 * The preview's problem panel, kept up to date while the page is open (see
 * scripts/eleventy/preview-problems.ts). It listens on the dev server's WebSocket, where the
 * server broadcasts `news.problems` with the panel to show (or null) after every build, and
 * asks for the current state once connected, in case a build ended before. Text only: the lines
 * are never parsed as HTML.
 */
const PANEL_ID = "apercu-problemes";
const STATE_URL = "/.preview/problems.json";
const STYLESHEET_URL = "/.preview/problems.css";

/** Live reload replaces the page's head with the built one, which does not link the stylesheet. */
function ensureStylesheet() {
  if (document.querySelector(`link[href="${STYLESHEET_URL}"]`)) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = STYLESHEET_URL;
  document.head.append(link);
}

function element(name, className, text) {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The lines shown now, to tell a new state from the one already on the page. */
function shownLines() {
  const panel = document.getElementById(PANEL_ID);
  return panel ? [...panel.querySelectorAll("li")].map((item) => item.textContent) : [];
}

function show(panel) {
  const lines = panel ? panel.lines : [];
  const current = document.getElementById(PANEL_ID);
  if (current && JSON.stringify(shownLines()) === JSON.stringify(lines)) return;
  current?.remove();
  if (!panel) return;
  ensureStylesheet();
  // A new element, so that screen readers announce it (role="alert").
  const box = element("div", "apercu-problemes");
  box.id = PANEL_ID;
  box.setAttribute("role", "alert");
  const list = element("ul");
  list.lang = "en";
  for (const line of lines) list.append(element("li", "", line));
  box.append(element("p", "apercu-problemes-titre", panel.title), element("p", "", panel.intro), list);
  document.body.prepend(box);
}

/**
 * `reconnected`: the server went away and came back, as when the preview starts for real after
 * waiting for a fix; the page is then loaded again, the new server's.
 */
function connect(reconnected = false) {
  const socket = new WebSocket(`${location.protocol.replace("http", "ws")}//${location.host}`);
  let opened = false;
  socket.addEventListener("close", () => setTimeout(() => connect(opened || reconnected), 1000));
  socket.addEventListener("open", () => {
    opened = true;
    if (reconnected) return location.reload();
    fetch(STATE_URL, { cache: "no-store" })
      .then((response) => (response.ok ? response.json() : undefined))
      .then((state) => state && show(state.panel))
      .catch(() => {});
  });
  socket.addEventListener("message", (event) => {
    let data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    if (data?.type === "news.problems") show(data.panel);
  });
}

connect();
