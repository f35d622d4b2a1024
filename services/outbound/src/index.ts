export { AddressPolicy, parseNetworks, type AllowedNetwork } from "./address-policy.js";
export { AllowedUrls, type AllowedUrlsNaming } from "./allowed-urls.js";
export { ForbiddenAddress, guardedLookup, guardedRequest, OutboundUrlError, parseOutboundUrl, type GuardedRequest } from "./guarded-request.js";
