/** What a task process does (see task-process.ts): tasks, one at a time, as its worker thread asks. */
import { Socket } from "node:net";

import { createTaskControl, type ProgressStep, type TaskData } from "../contract/task.js";
import { deprioritizeLibvips } from "../process/thread-priority.js";
import { createLogger } from "@pixelrpc/service-runtime";
import { rejectionFrom } from "./rejection.js";
import { configureSharp } from "./sharp-setup.js";
import { TaskContext } from "./task-context.js";
import { runTestHook } from "./test-hooks.js";
import { encodeSpeed as measureEncodeSpeed } from "./encode-cost.js";
import { perform } from "./perform.js";
import { ByteChannel } from "./byte-channel.js";
import { BYTES_FD, attachOverlays, type ProcessMessage, type ProcessRequest } from "./task-process-protocol.js";

configureSharp();

const send = (message: ProcessMessage): void => void process.send!(message);
const bytes = new ByteChannel(new Socket({ fd: BYTES_FD, readable: true, writable: true }));

// Its libvips threads yield to the service's event loop as the thread's do; the nice value comes
// with the first task's settings, and the sweep runs for as long as the process does.
let reniced = false;

process.on("message", (request: ProcessRequest) => {
  const { settings, end, encodeSpeed } = request;
  if (!reniced) deprioritizeLibvips(settings.libvipsNice, createLogger("image-service"));
  reniced = true;
  // Cancellation is this process's end; the control block only carries what TaskContext reads.
  const context = new TaskContext({ control: createTaskControl() }, settings.maxProcessingSeconds, {
    end,
    report: (step: ProgressStep) => send({ type: "progress", step }),
  });
  void (async () => {
    try {
      const source = await bytes.receive();
      const overlays: Uint8Array[] = [];
      for (let index = 0; index < request.overlays; index++) overlays.push(await bytes.receive());
      const task = { ...attachOverlays(request.task, overlays), image: source } as TaskData;
      if (settings.testHooks) runTestHook(task.image, "process");
      // A transform comes with its thread's measure; only a process asked to transform without one measures for itself.
      const performed = await perform(task, settings, context, async () => encodeSpeed ?? measureEncodeSpeed());
      if (performed.kind !== "transform") return send({ type: "result", outcome: { ok: true, performed } });
      const { image, ...result } = performed.result;
      bytes.send(image);
      send({ type: "result", outcome: { ok: true, performed: { kind: "transform", result } } });
    } catch (error) {
      const { code, message } = rejectionFrom(error, undefined, settings.maxProcessingSeconds);
      send({ type: "result", outcome: { ok: false, code, message } });
    }
  })();
});

send({ type: "ready" });
