// The little the pages need a script for: dropping files on a field, a busy note while
// uploading, and an import's progress (polled from /api/import/ID, so a reload finds it).
"use strict";

function setUpDrops() {
  for (const zone of document.querySelectorAll("[data-drop]")) {
    const input = zone.querySelector("input[type=file]");
    zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (e) => {
      e.preventDefault();
      zone.classList.remove("over");
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        showChosen(zone, input);
      }
    });
    input.addEventListener("change", () => showChosen(zone, input));
  }
  for (const form of document.querySelectorAll("form.upload")) {
    form.addEventListener("submit", () => {
      const busy = form.querySelector(".busy");
      if (busy) busy.hidden = false;
      const button = form.querySelector("button");
      if (button) button.disabled = true;
    });
  }
}

function showChosen(zone, input) {
  const hint = zone.querySelector(".hint");
  const names = Array.from(input.files).map((f) => f.name);
  hint.textContent = names.length > 3 ? `${names.length} files` : names.join(", ");
}

function setText(id, value) {
  const el = document.getElementById(id);
  if (el) el.textContent = String(value);
}

async function pollImport(box) {
  const job = box.dataset.job;
  for (;;) {
    let data;
    try {
      const answer = await fetch(`/api/import/${encodeURIComponent(job)}`, { credentials: "same-origin" });
      if (!answer.ok) return;
      data = await answer.json();
    } catch (e) {
      await new Promise((r) => setTimeout(r, 2000));
      continue;
    }
    for (const key of ["state", "done", "total", "pages", "imported", "skipped", "failed"]) {
      setText(key, data[key]);
    }
    const bar = document.getElementById("bar");
    bar.max = Math.max(data.total, 1);
    bar.value = data.done;
    const list = document.getElementById("failures");
    list.replaceChildren(...data.failures.map((line) => {
      const li = document.createElement("li");
      li.textContent = line;  // text, never HTML
      return li;
    }));
    box.dataset.state = data.state;
    if (data.state === "done") {
      document.getElementById("finished").hidden = false;
      return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

document.addEventListener("DOMContentLoaded", () => {
  setUpDrops();
  const box = document.getElementById("progress");
  if (box && box.dataset.state !== "done") pollImport(box);
});
