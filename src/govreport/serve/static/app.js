// govreport serve: the page's behaviour. No framework, no network beyond this server.
"use strict";
(function () {
  const UI = JSON.parse(document.getElementById("ui-text").textContent);
  const LANG = document.documentElement.lang === "en" ? "en" : "zh_CN";
  const api = (path) => path + (path.includes("?") ? "&" : "?") + "lang=" + LANG;
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));

  async function postJSON(url, body, method) {
    return fetch(api(url), {
      method: method || "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  }

  function problemText(json) {
    if (!json || !json.problems) return "";
    return json.problems.map((p) => p.text || p.message).join("；");
  }

  // --- the list of drafts ---------------------------------------------------------------------
  const newForm = document.getElementById("new-draft");
  if (newForm) {
    newForm.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const edition = $("#new-edition").value;
      const tpl = await fetch(api("/api/templates/" + edition)).then((r) => r.json());
      const res = await postJSON("/api/drafts", { name: tpl.body + tpl.year, content: { report: tpl, previous: null } });
      const info = await res.json();
      if (res.ok) location.href = "/edit/" + info.id;
    });
  }
  const fromLastYear = document.getElementById("from-last-year");
  if (fromLastYear) {
    fromLastYear.addEventListener("change", async () => {
      const file = fromLastYear.files[0];
      if (!file) return;
      const form = new FormData();
      form.append("file", file, file.name);
      const res = await fetch(api("/api/import?start=next-year"), { method: "POST", body: form, credentials: "same-origin" });
      const json = await res.json();
      const list = document.getElementById("index-problems");
      list.textContent = "";
      if (!res.ok) {
        for (const p of json.problems || []) {
          const li = document.createElement("li");
          li.className = "error";
          li.textContent = p.text || p.message;
          list.appendChild(li);
        }
        return;
      }
      const name = (json.report.body || "") + (json.report.year || "");
      const made = await postJSON("/api/drafts", { name: name, content: { report: json.report, previous: json.previous } });
      const info = await made.json();
      if (made.ok) location.href = "/edit/" + info.id;
    });
  }
  const draftData = document.getElementById("draft-data");
  if (!draftData) return;

  // --- the report being edited ----------------------------------------------------------------
  const DRAFT = JSON.parse(document.getElementById("draft-info").textContent);
  const content = JSON.parse(draftData.textContent) || {};
  let report = content.report && typeof content.report === "object" ? content.report : {};
  let previous = content.previous || null;

  function split(path) {
    return path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  }
  function getPath(obj, path) {
    let cur = obj;
    for (const key of split(path)) {
      if (cur === null || cur === undefined || typeof cur !== "object") return undefined;
      cur = cur[key];
    }
    return cur;
  }
  function setPath(obj, path, value) {
    const keys = split(path);
    let cur = obj;
    for (let i = 0; i < keys.length - 1; i++) {
      const key = keys[i];
      const nextIsIndex = typeof keys[i + 1] === "number";
      if (cur[key] === null || cur[key] === undefined || typeof cur[key] !== "object") {
        cur[key] = nextIsIndex ? [] : {};
      }
      cur = cur[key];
    }
    const last = keys[keys.length - 1];
    if (typeof last === "number") {
      while (cur.length <= last) cur.push(null);
      cur[last] = value === undefined ? null : value;
    } else if (value === undefined) {
      delete cur[last];
    } else {
      cur[last] = value;
    }
  }

  // --- simple fields and cells ----------------------------------------------------------------
  function parseCell(el) {
    const raw = el.value.trim().replace(/[,，\s]/g, "");
    el.classList.remove("bad");
    el.removeAttribute("data-bad");
    if (raw === "") return null;
    if (el.dataset.kind === "decimal") {
      if (/^-?\d+(\.\d+)?$/.test(raw)) return raw;
      el.classList.add("bad");
      el.dataset.bad = UI.not_number;
      return raw;
    }
    if (/^-?\d+$/.test(raw)) return Number(raw);
    el.classList.add("bad");
    el.dataset.bad = UI.not_integer;
    return raw;
  }
  function readField(el) {
    const kind = el.dataset.kind;
    if (el.classList.contains("cell")) return parseCell(el);
    if (kind === "int") {
      const raw = el.value.trim();
      return raw === "" ? undefined : /^\d+$/.test(raw) ? Number(raw) : raw;
    }
    if (kind === "lines") {
      const lines = el.value.split("\n").map((s) => s.trim()).filter((s) => s);
      return lines.length ? lines : undefined;
    }
    const text = el.value.trim();
    return text === "" ? undefined : text;
  }
  function showField(el) {
    const v = getPath(report, el.dataset.path);
    if (el.dataset.kind === "lines") el.value = Array.isArray(v) ? v.join("\n") : "";
    else if (el.dataset.kind === "edition") return;
    else el.value = v === null || v === undefined ? "" : String(v);
    if (el.classList.contains("cell")) parseCell(el);
  }
  // A row of a table is a list of all its cells: a new row is created whole (blank cells null).
  const rowLength = {};
  $$("input.cell").forEach((el) => {
    const prefix = el.dataset.path.replace(/\.\d+$/, "");
    if (prefix !== el.dataset.path) rowLength[prefix] = (rowLength[prefix] || 0) + 1;
  });
  function setCell(el, value) {
    const prefix = el.dataset.path.replace(/\.\d+$/, "");
    const n = rowLength[prefix];
    if (n) {
      let row = getPath(report, prefix);
      if (!Array.isArray(row)) { row = []; setPath(report, prefix, row); }
      while (row.length < n) row.push(null);
    }
    setPath(report, el.dataset.path, value);
  }
  function fieldChanged(el) {
    if (el.classList.contains("cell")) setCell(el, readField(el));
    else setPath(report, el.dataset.path, readField(el));
    changed();
  }
  $$("[data-path]").forEach((el) => {
    showField(el);
    if (el.dataset.kind === "edition") return;
    el.addEventListener("input", () => fieldChanged(el));
  });
  $("#edition").addEventListener("change", async (ev) => {
    report.edition = ev.target.value;
    // 表二 and 表三's （六） have other rows in the other edition (the old ones stay in the history)
    if (report.active_disclosure) delete report.active_disclosure.table;
    if (report.applications && report.applications.table) delete report.applications.table.other;
    dirty = true;
    await saveNow();
    location.reload();
  });

  // --- paragraphs and sub-headings ------------------------------------------------------------
  function flatten(blocks, level, out) {
    for (const b of blocks || []) {
      if (typeof b === "string") out.push({ k: "p", text: b });
      else if (b && b.insert) out.push({ k: "i" });
      else if (b && typeof b.heading === "string") {
        out.push({ k: "h", level: level, text: b.heading, run_in: !!b.run_in });
        flatten(b.content, level + 1, out);
      }
    }
    return out;
  }
  function unflatten(items) {
    const root = [];
    const stack = [{ level: 1, content: root }];
    for (const it of items) {
      if (it.k === "h") {
        while (stack.length > 1 && stack[stack.length - 1].level >= it.level) stack.pop();
        const node = { heading: it.text.trim() || UI.untitled_heading, content: [] };
        if (it.run_in) node.run_in = true;
        stack[stack.length - 1].content.push(node);
        stack.push({ level: it.level, content: node.content });
      } else if (it.k === "i") {
        stack[stack.length - 1].content.push({ insert: "contact" });
      } else if (it.text.trim()) {
        stack[stack.length - 1].content.push(it.text.trim());
      }
    }
    return root;
  }
  const editors = {};
  function blocksChanged(path) {
    const blocks = unflatten(editors[path]);
    const section = path.split(".")[0];
    if (path.endsWith(".content")) {
      if (blocks.length) setPath(report, path, blocks);
      else if (report[section]) delete report[section].content;
    } else {
      setPath(report, path, blocks.length ? blocks : undefined);
    }
    changed();
  }
  function drawBlocks(box) {
    const path = box.dataset.blocks;
    const items = editors[path];
    box.textContent = "";
    items.forEach((it, i) => {
      const row = document.createElement("div");
      row.className = "block " + (it.k === "h" ? "heading" : "para");
      if (it.k === "i") {
        row.textContent = UI.contact_insert;
      } else if (it.k === "h") {
        const level = document.createElement("select");
        level.title = UI.heading_level;
        [["2", "（一）"], ["3", "1."], ["4", "（1）"]].forEach(([v, label]) => {
          const o = document.createElement("option");
          o.value = v; o.textContent = label; if (Number(v) === it.level) o.selected = true;
          level.appendChild(o);
        });
        level.addEventListener("change", () => { it.level = Number(level.value); blocksChanged(path); });
        const input = document.createElement("input");
        input.value = it.text;
        input.className = "heading-text";
        input.addEventListener("input", () => { it.text = input.value; blocksChanged(path); });
        const runIn = document.createElement("label");
        const cb = document.createElement("input");
        cb.type = "checkbox"; cb.checked = it.run_in;
        cb.addEventListener("change", () => { it.run_in = cb.checked; blocksChanged(path); });
        runIn.append(cb, " " + UI.run_in);
        row.append(level, input, runIn);
      } else {
        const ta = document.createElement("textarea");
        ta.value = it.text;
        ta.rows = Math.max(2, Math.ceil(it.text.length / 60));
        ta.addEventListener("input", () => { it.text = ta.value; blocksChanged(path); });
        row.append(ta);
      }
      const del = document.createElement("button");
      del.type = "button"; del.textContent = UI.remove; del.className = "remove";
      del.addEventListener("click", () => { items.splice(i, 1); drawBlocks(box); blocksChanged(path); });
      row.append(del);
      box.appendChild(row);
    });
  }
  $$("[data-blocks]").forEach((box) => {
    const path = box.dataset.blocks;
    editors[path] = flatten(getPath(report, path), 2, []);
    drawBlocks(box);
  });
  $$("[data-add]").forEach((btn) => {
    btn.addEventListener("click", () => {
      const path = btn.dataset.target;
      const item = btn.dataset.add === "h" ? { k: "h", level: 2, text: "", run_in: false } : { k: "p", text: "" };
      editors[path].push(item);
      const box = $$("[data-blocks]").find((b) => b.dataset.blocks === path);
      drawBlocks(box);
      const last = box.lastElementChild.querySelector("textarea, input.heading-text");
      if (last) last.focus();
    });
  });

  // --- keyboard navigation and pasting from Excel --------------------------------------------
  function cellAt(table, r, c) {
    const cells = $$("input.cell", table).filter((el) => Number(el.dataset.r) === r);
    if (!cells.length) return null;
    let best = cells[0];
    for (const el of cells) if (Number(el.dataset.c) <= c) best = el;
    return best;
  }
  function exactCell(table, r, c) {
    return $$("input.cell", table).find((el) => Number(el.dataset.r) === r && Number(el.dataset.c) === c) || null;
  }
  $$("table.grid").forEach((table) => {
    table.addEventListener("keydown", (ev) => {
      const el = ev.target;
      if (!el.classList || !el.classList.contains("cell")) return;
      const r = Number(el.dataset.r), c = Number(el.dataset.c);
      let next = null;
      if (ev.key === "ArrowDown" || (ev.key === "Enter" && !ev.shiftKey)) next = cellAt(table, r + 1, c);
      else if (ev.key === "ArrowUp" || (ev.key === "Enter" && ev.shiftKey)) next = cellAt(table, r - 1, c);
      else if (ev.key === "ArrowRight" && el.selectionEnd === el.value.length) next = exactCell(table, r, c + 1);
      else if (ev.key === "ArrowLeft" && el.selectionStart === 0) next = exactCell(table, r, c - 1);
      if (next) { ev.preventDefault(); next.focus(); next.select(); }
    });
    table.addEventListener("paste", (ev) => {
      const el = ev.target;
      if (!el.classList || !el.classList.contains("cell")) return;
      const text = (ev.clipboardData || window.clipboardData).getData("text/plain") || "";
      if (!/[\t\n]/.test(text.replace(/\s+$/, ""))) return; // one value: the browser pastes it
      ev.preventDefault();
      const rows = text.replace(/\r\n?/g, "\n").replace(/\n+$/, "").split("\n");
      const r0 = Number(el.dataset.r), c0 = Number(el.dataset.c);
      rows.forEach((line, i) => {
        line.split("\t").forEach((value, j) => {
          const target = exactCell(table, r0 + i, c0 + j);
          if (!target) return;
          target.value = value.trim();
          setCell(target, parseCell(target));
        });
      });
      changed();
    });
  });

  // --- live checks ----------------------------------------------------------------------------
  let checkTimer = null, checkSeq = 0;
  function clearMarks() {
    $$("table.grid th.marked").forEach((th) => {
      th.classList.remove("marked", "error", "warning");
      th.removeAttribute("title");
    });
    $$("input.cell").forEach((el) => {
      el.classList.remove("error", "warning", "computed");
      el.removeAttribute("title");
      el.placeholder = "";
    });
    $$("ul.findings").forEach((ul) => (ul.textContent = ""));
    $$("section[data-section]").forEach((s) => s.classList.remove("has-error", "has-warning"));
  }
  function columnHeads(loc) {
    // A finding about a whole column (the 勾稽 of 表三) is shown at the column's header, not at every cell.
    const table = $$("table.grid").find((t) => t.dataset.table === loc.table);
    if (!table) return [];
    const cols = loc.column.split("、");
    return $$("th", table).filter((th) => cols.includes(th.textContent.trim()));
  }
  function targetsOf(loc) {
    if (!loc.table || (!loc.row && !loc.column)) return [];
    if (!loc.row) return columnHeads(loc);
    let cells = $$("input.cell").filter((el) => el.dataset.table === loc.table);
    if (loc.row) cells = cells.filter((el) => el.dataset.row === loc.row);
    if (loc.column) {
      const cols = loc.column.split("、");
      cells = cells.filter((el) => cols.includes(el.dataset.col));
    }
    return cells;
  }
  function findingItem(f, targets) {
    const li = document.createElement("li");
    li.className = f.severity;
    li.dataset.code = f.code;
    li.textContent = f.message;
    if (targets.length) {
      li.classList.add("link");
      li.addEventListener("click", () => {
        targets[0].scrollIntoView({ block: "center" });
        if (targets[0].select) { targets[0].focus(); targets[0].select(); }
      });
    }
    return li;
  }
  function listFor(loc) {
    if (loc.table) {
      const ul = $$("ul.findings").find((u) => u.dataset.forTable === loc.table);
      if (ul) return ul;
    }
    if (loc.section) {
      const ul = $$("ul.findings").find((u) => u.dataset.forSection === loc.section);
      if (ul) return ul;
    }
    return $$("ul.findings").find((u) => u.dataset.forSection === "identity");
  }
  function showFindings(result) {
    clearMarks();
    const summaryList = $("#summary-list");
    const line = $("#summary-line");
    line.className = result.errors ? "error" : result.warnings ? "warning" : "ok";
    line.textContent = result.findings.length
      ? UI.summary.replace("{errors}", result.errors).replace("{warnings}", result.warnings)
      : UI.summary_ok;
    for (const f of result.findings) {
      const targets = targetsOf(f.location || {});
      for (const el of targets) {
        if (el.tagName === "TH") el.classList.add("marked");
        if (f.severity === "error") { el.classList.remove("warning"); el.classList.add("error"); }
        else if (!el.classList.contains("error")) el.classList.add("warning");
        el.title = (el.title ? el.title + "\n" : "") + f.message;
      }
      listFor(f.location || {}).appendChild(findingItem(f, targets));
      summaryList.appendChild(findingItem(f, targets));
      const section = $$("section[data-section]").find((s) => s.dataset.section === (f.location || {}).section);
      if (section) section.classList.add(f.severity === "error" ? "has-error" : "has-warning");
    }
    for (const [path, value] of Object.entries(result.computed || {})) {
      const el = $$("input.cell").find((c) => c.dataset.path === path);
      if (el && el.value.trim() === "") {
        el.placeholder = String(value);
        el.classList.add("computed");
        el.title = UI.computed + "：" + value;
      }
    }
  }
  function showProblems(json) {
    clearMarks();
    const line = $("#summary-line");
    line.className = "error";
    line.textContent = UI.problems;
    const ul = $("#summary-list");
    for (const p of (json && json.problems) || []) {
      const li = document.createElement("li");
      li.className = "error";
      li.textContent = p.text || p.message;
      ul.appendChild(li);
    }
  }
  async function runCheck() {
    const seq = ++checkSeq;
    try {
      const res = await postJSON("/api/check", { report: report, previous: previous });
      const json = await res.json();
      if (seq !== checkSeq) return;
      if (res.ok) showFindings(json);
      else showProblems(json);
    } catch (e) {
      if (seq === checkSeq) $("#summary-line").textContent = UI.offline;
    }
  }
  function scheduleCheck() {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(runCheck, 300);
  }

  // --- drafts: saved as the clerk types -------------------------------------------------------
  let saveTimer = null, dirty = false, saving = null;
  const status = $("#save-status");
  function draftName() {
    return ((report.body || "") + (report.year || "")).trim() || DRAFT.name;
  }
  async function saveNow() {
    clearTimeout(saveTimer);
    if (saving) await saving.catch(() => {});
    if (!dirty) return;
    dirty = false;
    status.textContent = UI.saving;
    status.className = "status";
    saving = postJSON("/api/drafts/" + DRAFT.id, { name: draftName(), content: { report: report, previous: previous } }, "PUT")
      .then(async (res) => {
        if (!res.ok) throw new Error(problemText(await res.json()));
        const info = await res.json();
        status.textContent = UI.saved + " · " + UI.version + " " + info.version;
        status.className = "status ok";
        status.dataset.version = info.version;
        if (!dirty) delete status.dataset.pending; // everything typed so far is on the server
      })
      .catch(() => {
        dirty = true;
        status.textContent = UI.offline;
        status.className = "status error";
        saveTimer = setTimeout(saveNow, 3000);
      });
    await saving;
    saving = null;
  }
  function changed() {
    dirty = true;
    status.dataset.pending = "1";
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveNow, 600);
    scheduleCheck();
  }
  function saveOnLeave() {
    if (!dirty) return;
    const body = JSON.stringify({ name: draftName(), content: { report: report, previous: previous } });
    fetch(api("/api/drafts/" + DRAFT.id), { method: "PUT", headers: { "Content-Type": "application/json" }, body, keepalive: true });
    dirty = false;
  }
  window.addEventListener("pagehide", saveOnLeave);
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") saveOnLeave(); });

  // --- import, downloads, preview -------------------------------------------------------------
  async function upload(file) {
    const form = new FormData();
    form.append("file", file, file.name);
    const res = await fetch(api("/api/import"), { method: "POST", body: form, credentials: "same-origin" });
    const json = await res.json();
    if (!res.ok) { showProblems(json); return null; }
    return json.report;
  }
  $("#import-file").addEventListener("change", async (ev) => {
    const file = ev.target.files[0];
    if (!file) return;
    const imported = await upload(file);
    if (!imported) return;
    report = imported;
    dirty = true;
    await saveNow();
    location.reload();
  });
  $("#import-previous").addEventListener("change", async (ev) => {
    const file = ev.target.files[0];
    if (!file) return;
    const imported = await upload(file);
    if (!imported) return;
    previous = imported;
    $("#previous-status").textContent = UI.previous_loaded + "：" + (imported.body || "") + (imported.year || "");
    changed();
  });
  async function rendered(fmt) {
    const res = await postJSON("/api/render/" + fmt, { report: report, force: $("#force").checked });
    if (!res.ok) {
      const json = await res.json().catch(() => null);
      const line = $("#summary-line");
      line.className = "error";
      line.textContent = (json && json.problems && json.problems[0].code === "report-errors")
        ? UI.render_blocked : problemText(json);
      return null;
    }
    const disposition = res.headers.get("Content-Disposition") || "";
    const m = /filename\*=UTF-8''([^;]+)/.exec(disposition);
    return { blob: await res.blob(), name: m ? decodeURIComponent(m[1]) : "report." + fmt };
  }
  $$("[data-download]").forEach((btn) => {
    btn.addEventListener("click", async () => {
      const out = await rendered(btn.dataset.download);
      if (!out) return;
      const a = document.createElement("a");
      a.href = URL.createObjectURL(out.blob);
      a.download = out.name;
      document.body.appendChild(a);
      a.click();
      setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    });
  });
  $("#preview").addEventListener("click", async () => {
    const out = await rendered("pdf");
    if (!out) return;
    const frame = $("#preview-frame");
    if (frame.dataset.url) URL.revokeObjectURL(frame.dataset.url);
    frame.dataset.url = URL.createObjectURL(out.blob);
    frame.src = frame.dataset.url;
    $("#preview-card").hidden = false;
    $("#preview-card").scrollIntoView();
  });

  // --- history: reopen an earlier version (saved as the newest one) --------------------------
  const history = $("#history");
  async function loadHistory() {
    const res = await fetch(api("/api/drafts/" + DRAFT.id + "/versions"));
    if (!res.ok) return;
    const versions = await res.json();
    history.length = 1;
    for (const v of versions) {
      const o = document.createElement("option");
      o.value = v.version;
      o.textContent = UI.version + " " + v.version + " · " + new Date(v.saved * 1000).toLocaleString();
      history.appendChild(o);
    }
  }
  history.addEventListener("focus", loadHistory);
  history.addEventListener("change", async () => {
    if (!history.value) return;
    await saveNow();
    const res = await fetch(api("/api/drafts/" + DRAFT.id + "?version=" + history.value));
    if (!res.ok) return;
    const old = (await res.json()).content || {};
    report = old.report || {};
    previous = old.previous || null;
    dirty = true;
    await saveNow();
    location.reload();
  });

  if (previous) $("#previous-status").textContent = UI.previous_loaded + "：" + (previous.body || "") + (previous.year || "");
  runCheck();
})();
