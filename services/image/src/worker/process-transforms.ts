/** What a task process does (see task-process.ts): transforms, one at a time, as its worker thread asks. */
import { createTaskControl, type ProgressStep, type TransformTask } from "../task.js";
import { deprioritizeLibvips } from "../thread-priority.js";
import { createLogger } from "../log.js";
import { rejectionFrom } from "./rejection.js";
import { configureSharp } from "./sharp-setup.js";
import { TaskContext } from "./task-context.js";
import { runTestHook } from "./test-hooks.js";
import { transform } from "./transform.js";
import type { ProcessMessage, ProcessRequest } from "./task-process-protocol.js";

configureSharp();

const send = (message: ProcessMessage): void => void process.send!(message);

// Its libvips threads yield to the service's event loop as the thread's do; the nice value comes
// with the first task's settings, and the sweep runs for as long as the process does.
let reniced = false;

process.on("message", (request: ProcessRequest) => {
  const { task, settings, end, encodeSpeed } = request;
  if (!reniced) deprioritizeLibvips(settings.libvipsNice, createLogger("image-service"));
  reniced = true;
  // Cancellation is this process's end; the control block only carries what TaskContext reads.
  const context = new TaskContext({ control: createTaskControl() }, settings.maxProcessingSeconds, {
    end,
    report: (step: ProgressStep) => send({ type: "progress", step }),
  });
  void (async () => {
    try {
      if (settings.testHooks) runTestHook(task.image, "process");
      const { image, info } = await transform(task as TransformTask, settings, context, encodeSpeed);
      send({ type: "result", result: { ok: true, image, info } });
    } catch (error) {
      const { code, message } = rejectionFrom(error, undefined, settings.maxProcessingSeconds);
      send({ type: "result", result: { ok: false, code, message } });
    }
  })();
});

send({ type: "ready" });
