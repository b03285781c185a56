// The web edition's browser test (CTest label "web"; tests/web/run.sh runs it). Serves the built site on
// 127.0.0.1, drives Debian's chromium (headless, SwiftShader's WebGL 2) with playwright-core, and checks:
//  - every lesson opens from its share link, draws a first frame, and looks like the desktop's rendering of the
//    same scene (a tolerance for font and rasterizer differences; the structure must match);
//  - no console error and no uncaught exception on any page;
//  - a value typed into a slider is the value the scene holds;
//  - a CSV dropped on the page opens in Regularized fit; F12 downloads a PNG of the page's size;
//  - every bundled preset survives desktop scene -> link -> web -> exported scene, and a bad link is named;
//  - back and forward move between lessons.
// It also measures the first visit: bytes transferred (gzip, as a static host serves them) and the time from
// navigation to the first frame, and leaves screenshots for a person to look at.
//
//   node browser_test.mjs --site build-web/site --nrlab build/app/nrlab --scenes assets/scenes --out DIR
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";

import { chromium } from "playwright-core";
import { PNG } from "pngjs";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const site = path.resolve(args.site ?? "build-web/site");
const nrlab = path.resolve(args.nrlab ?? "build/app/nrlab");
const scenes = path.resolve(args.scenes ?? "assets/scenes");
const out = path.resolve(args.out ?? "/tmp/nrlab-web-test");
const only = args.lessons ? args.lessons.split(",") : null;
fs.mkdirSync(out, { recursive: true });

const failures = [];
function fail(what) {
  failures.push(what);
  console.log("FAIL " + what);
}
function check(ok, what) {
  if (!ok) fail(what);
  return ok;
}

// [SECTION] A static server that counts what it sends (gzip when the browser asks, as a static host would)

const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm",
                ".data": "application/octet-stream", ".png": "image/png" };
let bytesSent = 0;
const server = http.createServer((req, res) => {
  const file = path.join(site, decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/\/$/, "/index.html"));
  if (!file.startsWith(site) || !fs.existsSync(file)) {
    res.writeHead(404);
    res.end();
    return;
  }
  let body = fs.readFileSync(file);
  const headers = { "Content-Type": types[path.extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" };
  if (/\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
    body = zlib.gzipSync(body, { level: 9 });
    headers["Content-Encoding"] = "gzip";
  }
  bytesSent += body.length;
  res.writeHead(200, headers);
  res.end(body);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}/index.html`;

// [SECTION] The browser

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"],
});

/// A fresh page (its own storage: a first visit) at a viewport size, with its console watched.
async function openPage(fragment, width = 1366, height = 768, name = fragment, dpr = 1) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr, acceptDownloads: true,
                                             locale: "en-US" });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") fail(`${name}: console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => fail(`${name}: uncaught: ${e.message}`));
  const t0 = Date.now();
  await page.goto(base + fragment);
  await page.waitForFunction(() => window.Module && Module.nrFrames > 0, null, { timeout: 30000 });
  const firstFrameMs = await page.evaluate(() => performance.now());
  await settle(page);
  return { page, context, firstFrameMs, wallMs: Date.now() - t0 };
}

/// Waits until the app stops drawing new frames (it draws only when something changes).
async function settle(page) {
  let last = -1;
  for (let i = 0; i < 40; ++i) {
    const n = await page.evaluate(() => Module.nrFrames);
    if (n === last) return;
    last = n;
    await page.waitForTimeout(150);
  }
}

const call = (page, fn, ...a) => page.evaluate(([fn, a]) => Module.ccall(fn, "string", a.map(() => "string"), a), [fn, a]);
const sceneOf = async (page) => JSON.parse(await call(page, "nr_scene_json"));

// [SECTION] Pictures

function readPng(buffer) {
  return PNG.sync.read(buffer);
}

/// How different two same-sized pictures are in structure: both averaged over 4×4-pixel cells (which blurs away
/// glyph-level rasterization differences); the share of cells whose grey level differs by more than 24 of 255.
function structureDifference(a, b) {
  if (a.width !== b.width || a.height !== b.height) return 1;
  const cell = 4, cw = Math.floor(a.width / cell), ch = Math.floor(a.height / cell);
  let differ = 0;
  for (let cy = 0; cy < ch; ++cy)
    for (let cx = 0; cx < cw; ++cx) {
      let sa = 0, sb = 0;
      for (let y = cy * cell; y < (cy + 1) * cell; ++y)
        for (let x = cx * cell; x < (cx + 1) * cell; ++x) {
          const i = (y * a.width + x) * 4;
          sa += 0.299 * a.data[i] + 0.587 * a.data[i + 1] + 0.114 * a.data[i + 2];
          sb += 0.299 * b.data[i] + 0.587 * b.data[i + 1] + 0.114 * b.data[i + 2];
        }
      if (Math.abs(sa - sb) / (cell * cell) > 24) ++differ;
    }
  return differ / (cw * ch);
}

function desktop(argv) {
  const r = spawnSync("xvfb-run", ["-a", "-s", "-screen 0 1920x1080x24", nrlab, ...argv], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`nrlab ${argv.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

// [SECTION] The checks

const lessons = (only ?? spawnSync(nrlab, ["--list-lessons"], { encoding: "utf8" }).stdout.trim().split("\n"));
const report = { lessons: {} };

// 1. The first visit: weight and time to the first frame.
{
  bytesSent = 0;
  const { page, context, firstFrameMs } = await openPage("#lesson=norm-axes", 1366, 768, "first visit");
  report.first_visit = { transferred_bytes: bytesSent, first_frame_ms: Math.round(firstFrameMs) };
  check(bytesSent <= 6 * 1024 * 1024, `first visit transfers ${bytesSent} bytes (at most 6 MiB)`);
  check(firstFrameMs <= 4000, `first frame after ${Math.round(firstFrameMs)} ms (at most 4 s)`);
  await context.close();
}
for (const f of fs.readdirSync(site)) report[`size_${f}`] = fs.statSync(path.join(site, f)).size;

// 1b. A high-density screen (device pixel ratio 2, as most laptops and tablets): the canvas has a pixel per device
//     pixel, and a first visit picks UI scale 2, so text is as large as on a 1x screen and sharp.
{
  const { page, context } = await openPage("#lesson=penalty-geometry", 1280, 720, "dpr 2", 2);
  const canvas = await page.evaluate(() => {
    const c = document.querySelector("canvas");
    return { w: c.width, h: c.height, cssW: c.clientWidth, cssH: c.clientHeight };
  });
  check(canvas.w === 2 * canvas.cssW && canvas.h === 2 * canvas.cssH,
        `dpr 2: canvas ${canvas.w}x${canvas.h} for ${canvas.cssW}x${canvas.cssH} CSS pixels (want twice)`);
  const scene = await sceneOf(page);
  check(Math.abs(scene.scale - 2) < 1e-6, `dpr 2: first-visit UI scale ${scene.scale} (want 2)`);
  fs.writeFileSync(path.join(out, "look-penalty-geometry-1280x720-dpr2.png"), await page.screenshot());
  report.dpr2 = canvas;
  await context.close();
}

// 2. Every lesson: its share link, a first frame, the desktop's structure.
for (const id of lessons) {
  const { page, context, firstFrameMs } = await openPage(`#lesson=${id}&lang=en&scale=1`, 1366, 768, id);
  const scene = await sceneOf(page);
  check(scene.lesson === id, `${id}: the link opened ${scene.lesson}`);
  const shot = await page.screenshot();
  fs.writeFileSync(path.join(out, `${id}-web.png`), shot);
  const ref = path.join(out, `${id}-desktop.png`);
  desktop(["--lesson", id, "--size", "1366x768", "--scale", "1", "--lang", "en", "--screenshot", ref]);
  const diff = structureDifference(readPng(shot), readPng(fs.readFileSync(ref)));
  report.lessons[id] = { first_frame_ms: Math.round(firstFrameMs), structure_difference: Number(diff.toFixed(4)) };
  check(diff <= 0.03, `${id}: the web page differs from the desktop rendering in ${(diff * 100).toFixed(1)} % of cells`);
  await context.close();
}

// 3. A typed value is the value the scene holds.
if (!only || only.includes("penalty-geometry")) {
  const { page, context } = await openPage("#lesson=penalty-geometry&lang=en", 1366, 768, "typing");
  await call(page, "nr_sliders");
  await page.mouse.move(700, 400);
  await settle(page);
  const sliders = JSON.parse(await call(page, "nr_sliders"));
  const lambda = sliders.filter((s) => s.label === "λ").pop();
  if (check(lambda, "typing: no λ slider found")) {
    // Each step in a frame of its own: the app reads the keys and buttons held when it builds a frame.
    await page.mouse.move((lambda.x0 + lambda.x1) / 2, (lambda.y0 + lambda.y1) / 2);
    await settle(page);
    await page.keyboard.down("Control");
    await settle(page);
    await page.mouse.down();
    await settle(page);
    await page.mouse.up();
    await settle(page);
    await page.keyboard.up("Control");
    await settle(page);
    await page.keyboard.press("Control+A");
    await page.keyboard.type("0.05");
    await page.keyboard.press("Enter");
    await settle(page);
    const got = (await sceneOf(page)).params.lambda;
    check(got === 0.05, `typing: λ typed as 0.05 holds ${got}`);
  }
  await context.close();
}

// 3b. Touch: a finger drags a slider (pointer events become the mouse the app reads).
if (!only || only.includes("penalty-geometry")) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, hasTouch: true, isMobile: false });
  const page = await context.newPage();
  page.on("pageerror", (e) => fail(`touch: uncaught: ${e.message}`));
  await page.goto(base + "#lesson=penalty-geometry&lang=en");
  await page.waitForFunction(() => window.Module && Module.nrFrames > 0, null, { timeout: 30000 });
  await call(page, "nr_sliders");
  await page.mouse.move(700, 400);
  await settle(page);
  const lambda = JSON.parse(await call(page, "nr_sliders")).filter((s) => s.label === "λ").pop();
  if (check(lambda, "touch: no λ slider found")) {
    const before = (await sceneOf(page)).params.lambda;
    const y = (lambda.y0 + lambda.y1) / 2;
    const session = await context.newCDPSession(page);
    const touch = async (type, x) =>
      session.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [{ x, y }] });
    // Press near the left end, drag to the right end, lift: each step in a frame of its own.
    await touch("touchStart", lambda.x0 + 6);
    await settle(page);
    for (const f of [0.3, 0.6, 0.95]) {
      await touch("touchMove", lambda.x0 + f * (lambda.x1 - lambda.x0));
      await settle(page);
    }
    await touch("touchEnd", 0);
    await settle(page);
    const after = (await sceneOf(page)).params.lambda;
    check(after > before, `touch: dragging the λ slider with a finger left it at ${after} (was ${before})`);
  }
  await context.close();
}

// 4. A CSV dropped on the page opens in Regularized fit; F12 downloads a screenshot of the page's size.
{
  const { page, context } = await openPage("#lesson=norm-axes&lang=en", 1366, 768, "drop and download");
  const csv = "x1,x2,y\n" + Array.from({ length: 30 }, (_, i) => `${i},${(i * 7) % 11},${2 * i + 1}`).join("\n") + "\n";
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], "my data.csv", { type: "text/csv" }));
    Module.canvas.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, csv);
  await page.waitForTimeout(300);
  await page.mouse.move(600, 300);
  await settle(page);
  const scene = await sceneOf(page);
  check(scene.lesson === "regularized-fit" && scene.params.source === "csv",
        `drop: a dropped CSV gave ${scene.lesson} with source ${scene.params?.source}`);
  const download = page.waitForEvent("download", { timeout: 15000 });
  await page.keyboard.press("F12");
  await page.mouse.move(610, 310);
  const d = await download;
  const file = path.join(out, "download-" + d.suggestedFilename());
  await d.saveAs(file);
  const png = readPng(fs.readFileSync(file));
  check(png.width === 1366 && png.height === 768, `download: ${d.suggestedFilename()} is ${png.width}x${png.height}`);
  check(/^regularized-fit-.*\.png$/.test(d.suggestedFilename()), `download: named ${d.suggestedFilename()}`);
  await context.close();
}

// 4b. A .npy of activations dropped on the page opens in Normalization axes, statistics over the whole tensor.
{
  const { page, context } = await openPage("#lesson=dropout&lang=en", 1366, 768, "npy drop");
  await page.evaluate(() => {
    // A (12, 20, 5, 5) float32 array whose channel c holds the value c everywhere: BatchNorm's means are 0..19.
    const shape = [12, 20, 5, 5], count = 12 * 20 * 25;
    let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(", ")}), }`;
    while ((10 + header.length + 1) % 64) header += " ";
    header += "\n";
    const bytes = new Uint8Array(10 + header.length + 4 * count);
    bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 255, header.length >> 8]);
    for (let i = 0; i < header.length; ++i) bytes[10 + i] = header.charCodeAt(i);
    const data = new Float32Array(bytes.buffer, 10 + header.length, count);
    for (let i = 0; i < count; ++i) data[i] = Math.floor(i / 25) % 20;
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], "acts.npy"));
    Module.canvas.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForTimeout(300);
  await page.mouse.move(600, 300);
  await settle(page);
  const scene = await sceneOf(page);
  check(scene.lesson === "norm-axes" && scene.params.data_file === "acts.npy",
        `npy drop: gave ${scene.lesson} with data_file ${scene.params?.data_file}`);
  const messages = await call(page, "nr_messages");
  check(!/acts\.npy/.test(messages), `npy drop: a message about the file: ${messages}`);
  await context.close();
}

// 5. Share links: every preset from the desktop, reopened on the web, exports the same scene.
{
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  let count = 0;
  for (const f of fs.readdirSync(scenes).filter((f) => f.endsWith(".json")).sort()) {
    const { link, scene } = JSON.parse(desktop(["--scene", path.join(scenes, f), "--print-link"]));
    const page = await context.newPage();
    page.on("pageerror", (e) => fail(`${f}: uncaught: ${e.message}`));
    await page.goto(base + link);
    await page.waitForFunction(() => window.Module && Module.nrFrames > 0, null, { timeout: 30000 });
    const web = await sceneOf(page);
    const same = web.lesson === scene.lesson && JSON.stringify(web.params) === JSON.stringify(scene.params) &&
                 web.lang === scene.lang;
    check(same, `link round trip of ${f}: ${JSON.stringify(web)} vs ${JSON.stringify(scene)}`);
    const messages = await call(page, "nr_messages");
    check(!/ignored|Cannot/.test(messages), `link round trip of ${f}: messages ${messages}`);
    await page.close();
    ++count;
  }
  report.presets_round_tripped = count;
  // A bad link opens its lesson and names what it ignored.
  const page = await context.newPage();
  await page.goto(base + "#lesson=priors&p=bm90IGpzb24&theme=pink");
  await page.waitForFunction(() => window.Module && Module.nrFrames > 0, null, { timeout: 30000 });
  const messages = await call(page, "nr_messages");
  check((await sceneOf(page)).lesson === "priors", "bad link: priors did not open");
  check(/ignored/.test(messages) && /theme=pink/.test(messages) && /\bp\b/.test(messages),
        `bad link: the message does not name p and theme: ${messages}`);
  await context.close();
}

// 6. Back and forward move between lessons.
{
  const { page, context } = await openPage("#lesson=norm-axes&lang=en", 1366, 768, "history");
  await page.mouse.move(600, 300);
  await page.keyboard.press("ArrowRight");  // next lesson
  await settle(page);
  const next = (await sceneOf(page)).lesson;
  check(next === "batch-stats" && (await page.evaluate(() => location.hash)) === "#lesson=batch-stats",
        `history: the right arrow gave ${next} at ${await page.evaluate(() => location.hash)}`);
  await page.goBack();
  await page.mouse.move(610, 310);
  await settle(page);
  check((await sceneOf(page)).lesson === "norm-axes", "history: back did not return to norm-axes");
  await page.goForward();
  await page.mouse.move(600, 300);
  await settle(page);
  check((await sceneOf(page)).lesson === "batch-stats", "history: forward did not return to batch-stats");
  await context.close();
}

// 7. Pictures to look at: five lessons on a laptop's browser window and on a projector page at scale 2.
for (const id of ["norm-axes", "penalty-geometry", "regularized-fit", "training-lab", "dropout"]) {
  if (only && !only.includes(id)) continue;
  for (const lang of ["en", "zh"])
    for (const [w, h, s] of [[1366, 768, 1], [1280, 720, 2]]) {
      const { page, context } = await openPage(`#lesson=${id}&lang=${lang}&scale=${s}`, w, h, `${id} ${lang} ${w}`);
      fs.writeFileSync(path.join(out, `look-${id}-${w}x${h}-s${s}-${lang}.png`), await page.screenshot());
      await context.close();
    }
}

await browser.close();
server.close();
report.failures = failures;
fs.writeFileSync(path.join(out, "report.json"), JSON.stringify(report, null, 1));
console.log(JSON.stringify(report, null, 1));
process.exit(failures.length ? 1 : 0);
