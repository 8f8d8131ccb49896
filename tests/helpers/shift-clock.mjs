// Preloaded into a build (NODE_OPTIONS=--import) to pretend it runs on another day:
// Date.now(), new Date() and Date() are moved by SHIFT_CLOCK_MS milliseconds. Plain JavaScript
// so that it loads before tsx.
const offset = Number(process.env.SHIFT_CLOCK_MS ?? 0);
const RealDate = Date;
const now = () => RealDate.now() + offset;
globalThis.Date = new Proxy(RealDate, {
  construct: (target, args, newTarget) =>
    args.length === 0 ? Reflect.construct(target, [now()], newTarget) : Reflect.construct(target, args, newTarget),
  apply: () => new RealDate(now()).toString(),
  get: (target, property, receiver) => (property === "now" ? now : Reflect.get(target, property, receiver)),
});
