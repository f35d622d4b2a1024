// Original file: pixelrpc/image/v1/image_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { InfoRequest as _pixelrpc_image_v1_InfoRequest, InfoRequest__Output as _pixelrpc_image_v1_InfoRequest__Output } from '../../../pixelrpc/image/v1/InfoRequest.js';
import type { InfoResponse as _pixelrpc_image_v1_InfoResponse, InfoResponse__Output as _pixelrpc_image_v1_InfoResponse__Output } from '../../../pixelrpc/image/v1/InfoResponse.js';
import type { TransformRequest as _pixelrpc_image_v1_TransformRequest, TransformRequest__Output as _pixelrpc_image_v1_TransformRequest__Output } from '../../../pixelrpc/image/v1/TransformRequest.js';
import type { TransformResponse as _pixelrpc_image_v1_TransformResponse, TransformResponse__Output as _pixelrpc_image_v1_TransformResponse__Output } from '../../../pixelrpc/image/v1/TransformResponse.js';
import type { TransformStreamRequest as _pixelrpc_image_v1_TransformStreamRequest, TransformStreamRequest__Output as _pixelrpc_image_v1_TransformStreamRequest__Output } from '../../../pixelrpc/image/v1/TransformStreamRequest.js';
import type { TransformStreamResponse as _pixelrpc_image_v1_TransformStreamResponse, TransformStreamResponse__Output as _pixelrpc_image_v1_TransformStreamResponse__Output } from '../../../pixelrpc/image/v1/TransformStreamResponse.js';
import type { VariantsRequest as _pixelrpc_image_v1_VariantsRequest, VariantsRequest__Output as _pixelrpc_image_v1_VariantsRequest__Output } from '../../../pixelrpc/image/v1/VariantsRequest.js';
import type { VariantsResponse as _pixelrpc_image_v1_VariantsResponse, VariantsResponse__Output as _pixelrpc_image_v1_VariantsResponse__Output } from '../../../pixelrpc/image/v1/VariantsResponse.js';

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
export interface ImageServiceClient extends grpc.Client {
  /**
   * Info describes an image without transforming it.
   */
  Info(argument: _pixelrpc_image_v1_InfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_pixelrpc_image_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  Info(argument: _pixelrpc_image_v1_InfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_pixelrpc_image_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  Info(argument: _pixelrpc_image_v1_InfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_pixelrpc_image_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  Info(argument: _pixelrpc_image_v1_InfoRequest, callback: grpc.requestCallback<_pixelrpc_image_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Info describes an image without transforming it.
   */
  info(argument: _pixelrpc_image_v1_InfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_pixelrpc_image_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  info(argument: _pixelrpc_image_v1_InfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_pixelrpc_image_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  info(argument: _pixelrpc_image_v1_InfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_pixelrpc_image_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  info(argument: _pixelrpc_image_v1_InfoRequest, callback: grpc.requestCallback<_pixelrpc_image_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Transform decodes `image`, applies EXIF orientation (unless turned off),
   * applies `operations` in order, and encodes the result as `output` says.
   */
  Transform(argument: _pixelrpc_image_v1_TransformRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_pixelrpc_image_v1_TransformResponse__Output>): grpc.ClientUnaryCall;
  Transform(argument: _pixelrpc_image_v1_TransformRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_pixelrpc_image_v1_TransformResponse__Output>): grpc.ClientUnaryCall;
  Transform(argument: _pixelrpc_image_v1_TransformRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_pixelrpc_image_v1_TransformResponse__Output>): grpc.ClientUnaryCall;
  Transform(argument: _pixelrpc_image_v1_TransformRequest, callback: grpc.requestCallback<_pixelrpc_image_v1_TransformResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Transform decodes `image`, applies EXIF orientation (unless turned off),
   * applies `operations` in order, and encodes the result as `output` says.
   */
  transform(argument: _pixelrpc_image_v1_TransformRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_pixelrpc_image_v1_TransformResponse__Output>): grpc.ClientUnaryCall;
  transform(argument: _pixelrpc_image_v1_TransformRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_pixelrpc_image_v1_TransformResponse__Output>): grpc.ClientUnaryCall;
  transform(argument: _pixelrpc_image_v1_TransformRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_pixelrpc_image_v1_TransformResponse__Output>): grpc.ClientUnaryCall;
  transform(argument: _pixelrpc_image_v1_TransformRequest, callback: grpc.requestCallback<_pixelrpc_image_v1_TransformResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * TransformStream is Transform for results of any size, with progress:
   * progress events while the image waits and is processed, then the
   * result's info, then the encoded image in chunks.
   */
  TransformStream(argument: _pixelrpc_image_v1_TransformStreamRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_pixelrpc_image_v1_TransformStreamResponse__Output>;
  TransformStream(argument: _pixelrpc_image_v1_TransformStreamRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_pixelrpc_image_v1_TransformStreamResponse__Output>;
  /**
   * TransformStream is Transform for results of any size, with progress:
   * progress events while the image waits and is processed, then the
   * result's info, then the encoded image in chunks.
   */
  transformStream(argument: _pixelrpc_image_v1_TransformStreamRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_pixelrpc_image_v1_TransformStreamResponse__Output>;
  transformStream(argument: _pixelrpc_image_v1_TransformStreamRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_pixelrpc_image_v1_TransformStreamResponse__Output>;
  
  /**
   * Variants makes many outputs from one source (say 320, 640 and 1280 wide,
   * as WebP and AVIF) in one call. The variants run in parallel across the
   * pool and each is sent the moment it is encoded. An undecodable source
   * fails the call; a variant that fails is reported as such, and the others
   * still arrive.
   */
  Variants(argument: _pixelrpc_image_v1_VariantsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_pixelrpc_image_v1_VariantsResponse__Output>;
  Variants(argument: _pixelrpc_image_v1_VariantsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_pixelrpc_image_v1_VariantsResponse__Output>;
  /**
   * Variants makes many outputs from one source (say 320, 640 and 1280 wide,
   * as WebP and AVIF) in one call. The variants run in parallel across the
   * pool and each is sent the moment it is encoded. An undecodable source
   * fails the call; a variant that fails is reported as such, and the others
   * still arrive.
   */
  variants(argument: _pixelrpc_image_v1_VariantsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_pixelrpc_image_v1_VariantsResponse__Output>;
  variants(argument: _pixelrpc_image_v1_VariantsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_pixelrpc_image_v1_VariantsResponse__Output>;
  
}

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
export interface ImageServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Info describes an image without transforming it.
   */
  Info: grpc.handleUnaryCall<_pixelrpc_image_v1_InfoRequest__Output, _pixelrpc_image_v1_InfoResponse>;
  
  /**
   * Transform decodes `image`, applies EXIF orientation (unless turned off),
   * applies `operations` in order, and encodes the result as `output` says.
   */
  Transform: grpc.handleUnaryCall<_pixelrpc_image_v1_TransformRequest__Output, _pixelrpc_image_v1_TransformResponse>;
  
  /**
   * TransformStream is Transform for results of any size, with progress:
   * progress events while the image waits and is processed, then the
   * result's info, then the encoded image in chunks.
   */
  TransformStream: grpc.handleServerStreamingCall<_pixelrpc_image_v1_TransformStreamRequest__Output, _pixelrpc_image_v1_TransformStreamResponse>;
  
  /**
   * Variants makes many outputs from one source (say 320, 640 and 1280 wide,
   * as WebP and AVIF) in one call. The variants run in parallel across the
   * pool and each is sent the moment it is encoded. An undecodable source
   * fails the call; a variant that fails is reported as such, and the others
   * still arrive.
   */
  Variants: grpc.handleServerStreamingCall<_pixelrpc_image_v1_VariantsRequest__Output, _pixelrpc_image_v1_VariantsResponse>;
  
}

export interface ImageServiceDefinition extends grpc.ServiceDefinition {
  Info: MethodDefinition<_pixelrpc_image_v1_InfoRequest, _pixelrpc_image_v1_InfoResponse, _pixelrpc_image_v1_InfoRequest__Output, _pixelrpc_image_v1_InfoResponse__Output>
  Transform: MethodDefinition<_pixelrpc_image_v1_TransformRequest, _pixelrpc_image_v1_TransformResponse, _pixelrpc_image_v1_TransformRequest__Output, _pixelrpc_image_v1_TransformResponse__Output>
  TransformStream: MethodDefinition<_pixelrpc_image_v1_TransformStreamRequest, _pixelrpc_image_v1_TransformStreamResponse, _pixelrpc_image_v1_TransformStreamRequest__Output, _pixelrpc_image_v1_TransformStreamResponse__Output>
  Variants: MethodDefinition<_pixelrpc_image_v1_VariantsRequest, _pixelrpc_image_v1_VariantsResponse, _pixelrpc_image_v1_VariantsRequest__Output, _pixelrpc_image_v1_VariantsResponse__Output>
}
