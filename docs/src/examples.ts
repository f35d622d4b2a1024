/**
 * Worked examples for the operations reference: each one's gRPC request, the
 * gateway query that asks for the same transform, and a picture of its
 * result. `npm run pictures -w @pixelrpc/docs` makes the pictures with the
 * real services; docs/test/examples.test.ts checks that the two forms give
 * the same image and that each committed picture is it.
 */
import type { TransformRequest } from "@pixelrpc/client";
import type { OperationName } from "@pixelrpc/proto";

export interface Example {
  readonly title: string;
  /** A file of ../shared/fixtures. */
  readonly source: string;
  readonly request: Required<Pick<TransformRequest, "operations" | "output">> & Pick<TransformRequest, "input">;
  /** The same transform as the gateway's query string. */
  readonly query: string;
  /** Its result, under docs/pictures/. */
  readonly picture: string;
}

/** By the operation (or input option) each shows. */
export const examples: Partial<Record<OperationName | "animated", readonly Example[]>> = {
  resize: [
    {
      title: "A 160x160 thumbnail of the photo's busiest part",
      source: "320x240.jpg",
      request: { operations: [{ resize: { width: 160, height: 160, position: "POSITION_ATTENTION" } }], output: { format: "FORMAT_WEBP", quality: 80 } },
      query: "w=160&h=160&position=attention&format=webp&q=80",
      picture: "resize-attention.webp",
    },
  ],
  round_corners: [
    {
      title: "An avatar: a square crop cut to a circle, transparent around it",
      source: "320x240.jpg",
      request: {
        operations: [{ resize: { width: 120, height: 120, position: "POSITION_ATTENTION" } }, { roundCorners: { circle: true } }],
        output: { format: "FORMAT_PNG" },
      },
      query: "w=120&h=120&position=attention&circle=1&format=png",
      picture: "round-corners-avatar.png",
    },
    {
      title: "Corners of radius 24",
      source: "320x240.jpg",
      request: { operations: [{ resize: { width: 200 } }, { roundCorners: { radius: 24 } }], output: { format: "FORMAT_PNG" } },
      query: "w=200&round=24&format=png",
      picture: "round-corners-24.png",
    },
  ],
  animated: [
    {
      title: "An animated GIF at 120 wide, every frame and its delay kept, looping for ever",
      source: "animated-loop-3.gif",
      request: { operations: [{ resize: { width: 120 } }], output: { format: "FORMAT_GIF", loop: 0 }, input: { animated: true } },
      query: "animated=1&w=120&format=gif&loop=0",
      picture: "animated-resize.gif",
    },
  ],
};

/** Every example, with what it shows. */
export const allExamples = (): [shows: string, example: Example][] =>
  Object.entries(examples).flatMap(([shows, list]) => (list ?? []).map((example): [string, Example] => [shows, example]));
