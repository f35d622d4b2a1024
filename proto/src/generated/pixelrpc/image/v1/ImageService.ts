// Original file: pixelrpc/image/v1/image_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { InfoRequest as _pixelrpc_image_v1_InfoRequest, InfoRequest__Output as _pixelrpc_image_v1_InfoRequest__Output } from '../../../pixelrpc/image/v1/InfoRequest.js';
import type { InfoResponse as _pixelrpc_image_v1_InfoResponse, InfoResponse__Output as _pixelrpc_image_v1_InfoResponse__Output } from '../../../pixelrpc/image/v1/InfoResponse.js';
import type { TransformRequest as _pixelrpc_image_v1_TransformRequest, TransformRequest__Output as _pixelrpc_image_v1_TransformRequest__Output } from '../../../pixelrpc/image/v1/TransformRequest.js';
import type { TransformResponse as _pixelrpc_image_v1_TransformResponse, TransformResponse__Output as _pixelrpc_image_v1_TransformResponse__Output } from '../../../pixelrpc/image/v1/TransformResponse.js';

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
  
}

export interface ImageServiceDefinition extends grpc.ServiceDefinition {
  Info: MethodDefinition<_pixelrpc_image_v1_InfoRequest, _pixelrpc_image_v1_InfoResponse, _pixelrpc_image_v1_InfoRequest__Output, _pixelrpc_image_v1_InfoResponse__Output>
  Transform: MethodDefinition<_pixelrpc_image_v1_TransformRequest, _pixelrpc_image_v1_TransformResponse, _pixelrpc_image_v1_TransformRequest__Output, _pixelrpc_image_v1_TransformResponse__Output>
}
