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
  /** The same transform as the gateway's query string, where the compact form can say it. */
  readonly query?: string;
  /** Its result, under docs/pictures/. */
  readonly picture: string;
}

/**
 * Where the examples' overlays live, as the reference shows it. The test and
 * the pictures serve ../shared/fixtures on loopback and put its address here
 * (`withOrigin`).
 */
export const ASSETS = "https://assets.example.com";

/** `example` with its image store at `origin`. */
export function withOrigin(example: Example, origin: string): Example {
  return JSON.parse(JSON.stringify(example).replaceAll(ASSETS, origin)) as Example;
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
  composite: [
    {
      title: "A watermark: a logo bottom right, 12% of the width, 16 px from the edges, half opaque",
      source: "2569067123_aca715a2ee_o.jpg",
      request: {
        operations: [
          { resize: { width: 320 } },
          {
            composite: {
              url: `${ASSETS}/check.svg`,
              gravity: "POSITION_RIGHT_BOTTOM",
              offsetX: 16,
              offsetY: 16,
              opacity: 0.5,
              widthRatio: 0.12,
            },
          },
        ],
        output: { format: "FORMAT_JPEG", quality: 85 },
      },
      query: `w=320&overlay=${ASSETS}/check.svg&overlay_position=right-bottom&overlay_x=16&overlay_y=16&overlay_opacity=0.5&overlay_width=0.12&format=jpeg&q=85`,
      picture: "composite-watermark.jpg",
    },
    {
      title: "The same logo tiled across the image, faint",
      source: "2569067123_aca715a2ee_o.jpg",
      request: {
        operations: [{ resize: { width: 320 } }, { composite: { url: `${ASSETS}/check.svg`, tile: true, opacity: 0.25, widthRatio: 0.1 } }],
        output: { format: "FORMAT_JPEG", quality: 85 },
      },
      query: `w=320&overlay=${ASSETS}/check.svg&overlay_tile=1&overlay_opacity=0.25&overlay_width=0.1&format=jpeg&q=85`,
      picture: "composite-tiled.jpg",
    },
  ],
  text: [
    {
      title: "A caption in white, bold, bottom left, in three scripts",
      source: "2569067123_aca715a2ee_o.jpg",
      request: {
        operations: [
          { resize: { width: 320 } },
          { text: { text: "Hello · Привет · Γειά · مرحبا", size: 18, bold: true, color: "#ffffff", gravity: "POSITION_LEFT_BOTTOM", offsetX: 10, offsetY: 8 } },
        ],
        output: { format: "FORMAT_PNG" },
      },
      query:
        "w=320&text=Hello%20%C2%B7%20%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82%20%C2%B7%20%CE%93%CE%B5%CE%B9%CE%AC%20%C2%B7%20%D9%85%D8%B1%D8%AD%D8%A8%D8%A7&text_size=18&text_bold=1&text_color=ffffff&text_position=left-bottom&text_x=10&text_y=8&format=png",
      picture: "text-caption.png",
    },
    {
      title: "Markup: a word in colour and larger, centred and wrapped",
      source: "2569067123_aca715a2ee_o.jpg",
      request: {
        operations: [
          { resize: { width: 320 } },
          {
            text: {
              text: 'Made with <span foreground="#ffd000" size="32pt">pixelrpc</span>, wrapped to 200 px and centred',
              size: 20,
              color: "#ffffff",
              wrapWidth: 200,
              align: "TEXT_ALIGN_CENTER",
              markup: true,
            },
          },
        ],
        output: { format: "FORMAT_PNG" },
      },
      query:
        "w=320&text=Made%20with%20%3Cspan%20foreground%3D%22%23ffd000%22%20size%3D%2232pt%22%3Epixelrpc%3C%2Fspan%3E%2C%20wrapped%20to%20200%20px%20and%20centred&text_size=20&text_color=ffffff&text_wrap=200&text_align=center&text_markup=1&format=png",
      picture: "text-markup.png",
    },
  ],
  modulate: [
    {
      title: "Brighter, more vivid, the hue turned a little",
      source: "2569067123_aca715a2ee_o.jpg",
      request: {
        operations: [{ resize: { width: 200 } }, { modulate: { brightness: 1.2, saturation: 1.6, hue: 20 } }],
        output: { format: "FORMAT_JPEG", quality: 80 },
      },
      query: "w=200&brightness=1.2&saturation=1.6&hue=20&format=jpeg&q=80",
      picture: "modulate.jpg",
    },
  ],
  tint: [
    {
      title: "Sepia: grey, then tinted brown",
      source: "2569067123_aca715a2ee_o.jpg",
      request: { operations: [{ resize: { width: 200 } }, { tint: { color: "#704214" } }], output: { format: "FORMAT_JPEG", quality: 80 } },
      query: "w=200&tint=704214&format=jpeg&q=80",
      picture: "tint-sepia.jpg",
    },
  ],
  clahe: [
    {
      title: "Local contrast in 32 px tiles: the shadows open up",
      source: "2569067123_aca715a2ee_o.jpg",
      request: { operations: [{ resize: { width: 200 } }, { clahe: { width: 32, height: 32 } }], output: { format: "FORMAT_JPEG", quality: 80 } },
      query: "w=200&clahe_width=32&clahe_height=32&format=jpeg&q=80",
      picture: "clahe.jpg",
    },
  ],
  negate: [
    {
      title: "A negative",
      source: "2569067123_aca715a2ee_o.jpg",
      request: { operations: [{ resize: { width: 200 } }, { negate: {} }], output: { format: "FORMAT_JPEG", quality: 80 } },
      query: "w=200&negate=1&format=jpeg&q=80",
      picture: "negate.jpg",
    },
  ],
  threshold: [
    {
      title: "Black and white at 100",
      source: "2569067123_aca715a2ee_o.jpg",
      request: { operations: [{ resize: { width: 200 } }, { threshold: { threshold: 100 } }], output: { format: "FORMAT_PNG" } },
      query: "w=200&threshold=100&format=png",
      picture: "threshold.png",
    },
  ],
  pixelate: [
    {
      title: "Blocks of 10 px",
      source: "2569067123_aca715a2ee_o.jpg",
      request: { operations: [{ resize: { width: 200 } }, { pixelate: { size: 10 } }], output: { format: "FORMAT_PNG" } },
      query: "w=200&pixelate=10&format=png",
      picture: "pixelate.png",
    },
  ],
  convolve: [
    {
      title: "Edges: a 3x3 Laplacian kernel on the grey image",
      source: "2569067123_aca715a2ee_o.jpg",
      request: {
        operations: [
          { resize: { width: 200 } },
          { grayscale: {} },
          { convolve: { width: 3, height: 3, kernel: [-1, -1, -1, -1, 8, -1, -1, -1, -1], scale: 1 } },
        ],
        output: { format: "FORMAT_PNG" },
      },
      picture: "convolve-edges.png",
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
