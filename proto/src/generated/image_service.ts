import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Blur as _pixelrpc_image_v1_Blur, Blur__Output as _pixelrpc_image_v1_Blur__Output } from './pixelrpc/image/v1/Blur.js';
import type { Clahe as _pixelrpc_image_v1_Clahe, Clahe__Output as _pixelrpc_image_v1_Clahe__Output } from './pixelrpc/image/v1/Clahe.js';
import type { Composite as _pixelrpc_image_v1_Composite, Composite__Output as _pixelrpc_image_v1_Composite__Output } from './pixelrpc/image/v1/Composite.js';
import type { Convolve as _pixelrpc_image_v1_Convolve, Convolve__Output as _pixelrpc_image_v1_Convolve__Output } from './pixelrpc/image/v1/Convolve.js';
import type { Extend as _pixelrpc_image_v1_Extend, Extend__Output as _pixelrpc_image_v1_Extend__Output } from './pixelrpc/image/v1/Extend.js';
import type { Extract as _pixelrpc_image_v1_Extract, Extract__Output as _pixelrpc_image_v1_Extract__Output } from './pixelrpc/image/v1/Extract.js';
import type { Flatten as _pixelrpc_image_v1_Flatten, Flatten__Output as _pixelrpc_image_v1_Flatten__Output } from './pixelrpc/image/v1/Flatten.js';
import type { Flip as _pixelrpc_image_v1_Flip, Flip__Output as _pixelrpc_image_v1_Flip__Output } from './pixelrpc/image/v1/Flip.js';
import type { Flop as _pixelrpc_image_v1_Flop, Flop__Output as _pixelrpc_image_v1_Flop__Output } from './pixelrpc/image/v1/Flop.js';
import type { Gamma as _pixelrpc_image_v1_Gamma, Gamma__Output as _pixelrpc_image_v1_Gamma__Output } from './pixelrpc/image/v1/Gamma.js';
import type { Grayscale as _pixelrpc_image_v1_Grayscale, Grayscale__Output as _pixelrpc_image_v1_Grayscale__Output } from './pixelrpc/image/v1/Grayscale.js';
import type { ImageInfo as _pixelrpc_image_v1_ImageInfo, ImageInfo__Output as _pixelrpc_image_v1_ImageInfo__Output } from './pixelrpc/image/v1/ImageInfo.js';
import type { ImageServiceClient as _pixelrpc_image_v1_ImageServiceClient, ImageServiceDefinition as _pixelrpc_image_v1_ImageServiceDefinition } from './pixelrpc/image/v1/ImageService.js';
import type { InfoRequest as _pixelrpc_image_v1_InfoRequest, InfoRequest__Output as _pixelrpc_image_v1_InfoRequest__Output } from './pixelrpc/image/v1/InfoRequest.js';
import type { InfoResponse as _pixelrpc_image_v1_InfoResponse, InfoResponse__Output as _pixelrpc_image_v1_InfoResponse__Output } from './pixelrpc/image/v1/InfoResponse.js';
import type { InputOptions as _pixelrpc_image_v1_InputOptions, InputOptions__Output as _pixelrpc_image_v1_InputOptions__Output } from './pixelrpc/image/v1/InputOptions.js';
import type { Linear as _pixelrpc_image_v1_Linear, Linear__Output as _pixelrpc_image_v1_Linear__Output } from './pixelrpc/image/v1/Linear.js';
import type { Median as _pixelrpc_image_v1_Median, Median__Output as _pixelrpc_image_v1_Median__Output } from './pixelrpc/image/v1/Median.js';
import type { Modulate as _pixelrpc_image_v1_Modulate, Modulate__Output as _pixelrpc_image_v1_Modulate__Output } from './pixelrpc/image/v1/Modulate.js';
import type { Negate as _pixelrpc_image_v1_Negate, Negate__Output as _pixelrpc_image_v1_Negate__Output } from './pixelrpc/image/v1/Negate.js';
import type { Normalize as _pixelrpc_image_v1_Normalize, Normalize__Output as _pixelrpc_image_v1_Normalize__Output } from './pixelrpc/image/v1/Normalize.js';
import type { Operation as _pixelrpc_image_v1_Operation, Operation__Output as _pixelrpc_image_v1_Operation__Output } from './pixelrpc/image/v1/Operation.js';
import type { OutputOptions as _pixelrpc_image_v1_OutputOptions, OutputOptions__Output as _pixelrpc_image_v1_OutputOptions__Output } from './pixelrpc/image/v1/OutputOptions.js';
import type { Pixelate as _pixelrpc_image_v1_Pixelate, Pixelate__Output as _pixelrpc_image_v1_Pixelate__Output } from './pixelrpc/image/v1/Pixelate.js';
import type { Placeholders as _pixelrpc_image_v1_Placeholders, Placeholders__Output as _pixelrpc_image_v1_Placeholders__Output } from './pixelrpc/image/v1/Placeholders.js';
import type { Progress as _pixelrpc_image_v1_Progress, Progress__Output as _pixelrpc_image_v1_Progress__Output } from './pixelrpc/image/v1/Progress.js';
import type { Resize as _pixelrpc_image_v1_Resize, Resize__Output as _pixelrpc_image_v1_Resize__Output } from './pixelrpc/image/v1/Resize.js';
import type { Rotate as _pixelrpc_image_v1_Rotate, Rotate__Output as _pixelrpc_image_v1_Rotate__Output } from './pixelrpc/image/v1/Rotate.js';
import type { RoundCorners as _pixelrpc_image_v1_RoundCorners, RoundCorners__Output as _pixelrpc_image_v1_RoundCorners__Output } from './pixelrpc/image/v1/RoundCorners.js';
import type { Sharpen as _pixelrpc_image_v1_Sharpen, Sharpen__Output as _pixelrpc_image_v1_Sharpen__Output } from './pixelrpc/image/v1/Sharpen.js';
import type { Text as _pixelrpc_image_v1_Text, Text__Output as _pixelrpc_image_v1_Text__Output } from './pixelrpc/image/v1/Text.js';
import type { Threshold as _pixelrpc_image_v1_Threshold, Threshold__Output as _pixelrpc_image_v1_Threshold__Output } from './pixelrpc/image/v1/Threshold.js';
import type { Tint as _pixelrpc_image_v1_Tint, Tint__Output as _pixelrpc_image_v1_Tint__Output } from './pixelrpc/image/v1/Tint.js';
import type { TransformRequest as _pixelrpc_image_v1_TransformRequest, TransformRequest__Output as _pixelrpc_image_v1_TransformRequest__Output } from './pixelrpc/image/v1/TransformRequest.js';
import type { TransformResponse as _pixelrpc_image_v1_TransformResponse, TransformResponse__Output as _pixelrpc_image_v1_TransformResponse__Output } from './pixelrpc/image/v1/TransformResponse.js';
import type { TransformStreamRequest as _pixelrpc_image_v1_TransformStreamRequest, TransformStreamRequest__Output as _pixelrpc_image_v1_TransformStreamRequest__Output } from './pixelrpc/image/v1/TransformStreamRequest.js';
import type { TransformStreamResponse as _pixelrpc_image_v1_TransformStreamResponse, TransformStreamResponse__Output as _pixelrpc_image_v1_TransformStreamResponse__Output } from './pixelrpc/image/v1/TransformStreamResponse.js';
import type { Trim as _pixelrpc_image_v1_Trim, Trim__Output as _pixelrpc_image_v1_Trim__Output } from './pixelrpc/image/v1/Trim.js';
import type { VariantError as _pixelrpc_image_v1_VariantError, VariantError__Output as _pixelrpc_image_v1_VariantError__Output } from './pixelrpc/image/v1/VariantError.js';
import type { VariantSpec as _pixelrpc_image_v1_VariantSpec, VariantSpec__Output as _pixelrpc_image_v1_VariantSpec__Output } from './pixelrpc/image/v1/VariantSpec.js';
import type { VariantsRequest as _pixelrpc_image_v1_VariantsRequest, VariantsRequest__Output as _pixelrpc_image_v1_VariantsRequest__Output } from './pixelrpc/image/v1/VariantsRequest.js';
import type { VariantsResponse as _pixelrpc_image_v1_VariantsResponse, VariantsResponse__Output as _pixelrpc_image_v1_VariantsResponse__Output } from './pixelrpc/image/v1/VariantsResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  pixelrpc: {
    image: {
      v1: {
        Blend: EnumTypeDefinition
        Blur: MessageTypeDefinition<_pixelrpc_image_v1_Blur, _pixelrpc_image_v1_Blur__Output>
        Clahe: MessageTypeDefinition<_pixelrpc_image_v1_Clahe, _pixelrpc_image_v1_Clahe__Output>
        Composite: MessageTypeDefinition<_pixelrpc_image_v1_Composite, _pixelrpc_image_v1_Composite__Output>
        Convolve: MessageTypeDefinition<_pixelrpc_image_v1_Convolve, _pixelrpc_image_v1_Convolve__Output>
        Extend: MessageTypeDefinition<_pixelrpc_image_v1_Extend, _pixelrpc_image_v1_Extend__Output>
        ExtendWith: EnumTypeDefinition
        Extract: MessageTypeDefinition<_pixelrpc_image_v1_Extract, _pixelrpc_image_v1_Extract__Output>
        Fit: EnumTypeDefinition
        Flatten: MessageTypeDefinition<_pixelrpc_image_v1_Flatten, _pixelrpc_image_v1_Flatten__Output>
        Flip: MessageTypeDefinition<_pixelrpc_image_v1_Flip, _pixelrpc_image_v1_Flip__Output>
        Flop: MessageTypeDefinition<_pixelrpc_image_v1_Flop, _pixelrpc_image_v1_Flop__Output>
        Font: EnumTypeDefinition
        Format: EnumTypeDefinition
        Gamma: MessageTypeDefinition<_pixelrpc_image_v1_Gamma, _pixelrpc_image_v1_Gamma__Output>
        Grayscale: MessageTypeDefinition<_pixelrpc_image_v1_Grayscale, _pixelrpc_image_v1_Grayscale__Output>
        ImageInfo: MessageTypeDefinition<_pixelrpc_image_v1_ImageInfo, _pixelrpc_image_v1_ImageInfo__Output>
        /**
         * ImageService decodes, transforms and encodes images. Every image is
         * processed on a pool of worker threads, never on the service's event loop.
         * Work is bounded: by a pixel limit (checked from headers, before decoding),
         * by a processing time limit, and by the caller's deadline.
         * 
         * Field names follow sharp's (https://sharp.pixelplumbing.com) so that its
         * documentation reads across: `Resize.without_enlargement` is sharp's
         * `withoutEnlargement`, and so on. Colours are hex strings: "#rgb", "#rgba",
         * "#rrggbb" or "#rrggbbaa"; an empty colour means the operation's default.
         */
        ImageService: SubtypeConstructor<typeof grpc.Client, _pixelrpc_image_v1_ImageServiceClient> & { service: _pixelrpc_image_v1_ImageServiceDefinition }
        InfoRequest: MessageTypeDefinition<_pixelrpc_image_v1_InfoRequest, _pixelrpc_image_v1_InfoRequest__Output>
        InfoResponse: MessageTypeDefinition<_pixelrpc_image_v1_InfoResponse, _pixelrpc_image_v1_InfoResponse__Output>
        InputOptions: MessageTypeDefinition<_pixelrpc_image_v1_InputOptions, _pixelrpc_image_v1_InputOptions__Output>
        Linear: MessageTypeDefinition<_pixelrpc_image_v1_Linear, _pixelrpc_image_v1_Linear__Output>
        Median: MessageTypeDefinition<_pixelrpc_image_v1_Median, _pixelrpc_image_v1_Median__Output>
        Modulate: MessageTypeDefinition<_pixelrpc_image_v1_Modulate, _pixelrpc_image_v1_Modulate__Output>
        Negate: MessageTypeDefinition<_pixelrpc_image_v1_Negate, _pixelrpc_image_v1_Negate__Output>
        Normalize: MessageTypeDefinition<_pixelrpc_image_v1_Normalize, _pixelrpc_image_v1_Normalize__Output>
        Operation: MessageTypeDefinition<_pixelrpc_image_v1_Operation, _pixelrpc_image_v1_Operation__Output>
        OutputOptions: MessageTypeDefinition<_pixelrpc_image_v1_OutputOptions, _pixelrpc_image_v1_OutputOptions__Output>
        Pixelate: MessageTypeDefinition<_pixelrpc_image_v1_Pixelate, _pixelrpc_image_v1_Pixelate__Output>
        Placeholders: MessageTypeDefinition<_pixelrpc_image_v1_Placeholders, _pixelrpc_image_v1_Placeholders__Output>
        Position: EnumTypeDefinition
        Progress: MessageTypeDefinition<_pixelrpc_image_v1_Progress, _pixelrpc_image_v1_Progress__Output>
        Resize: MessageTypeDefinition<_pixelrpc_image_v1_Resize, _pixelrpc_image_v1_Resize__Output>
        Rotate: MessageTypeDefinition<_pixelrpc_image_v1_Rotate, _pixelrpc_image_v1_Rotate__Output>
        RoundCorners: MessageTypeDefinition<_pixelrpc_image_v1_RoundCorners, _pixelrpc_image_v1_RoundCorners__Output>
        Sharpen: MessageTypeDefinition<_pixelrpc_image_v1_Sharpen, _pixelrpc_image_v1_Sharpen__Output>
        Stage: EnumTypeDefinition
        Text: MessageTypeDefinition<_pixelrpc_image_v1_Text, _pixelrpc_image_v1_Text__Output>
        TextAlign: EnumTypeDefinition
        Threshold: MessageTypeDefinition<_pixelrpc_image_v1_Threshold, _pixelrpc_image_v1_Threshold__Output>
        Tint: MessageTypeDefinition<_pixelrpc_image_v1_Tint, _pixelrpc_image_v1_Tint__Output>
        TransformRequest: MessageTypeDefinition<_pixelrpc_image_v1_TransformRequest, _pixelrpc_image_v1_TransformRequest__Output>
        TransformResponse: MessageTypeDefinition<_pixelrpc_image_v1_TransformResponse, _pixelrpc_image_v1_TransformResponse__Output>
        TransformStreamRequest: MessageTypeDefinition<_pixelrpc_image_v1_TransformStreamRequest, _pixelrpc_image_v1_TransformStreamRequest__Output>
        TransformStreamResponse: MessageTypeDefinition<_pixelrpc_image_v1_TransformStreamResponse, _pixelrpc_image_v1_TransformStreamResponse__Output>
        Trim: MessageTypeDefinition<_pixelrpc_image_v1_Trim, _pixelrpc_image_v1_Trim__Output>
        VariantError: MessageTypeDefinition<_pixelrpc_image_v1_VariantError, _pixelrpc_image_v1_VariantError__Output>
        VariantSpec: MessageTypeDefinition<_pixelrpc_image_v1_VariantSpec, _pixelrpc_image_v1_VariantSpec__Output>
        VariantsRequest: MessageTypeDefinition<_pixelrpc_image_v1_VariantsRequest, _pixelrpc_image_v1_VariantsRequest__Output>
        VariantsResponse: MessageTypeDefinition<_pixelrpc_image_v1_VariantsResponse, _pixelrpc_image_v1_VariantsResponse__Output>
      }
    }
  }
}

