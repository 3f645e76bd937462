/** The link checker (Node only: bundled into the desktop extension and the CLI, never the web build). */
export { LinkChecker, NotRequestedError, parseRetryAfter } from './checker';
export type { CheckAllOptions, CheckAllResult, CheckerDependencies } from './checker';
export { LinkCache, fileCacheStore, memoryCacheStore, cacheKeyOf } from './cache';
export type { CacheStore } from './cache';
export { DEFAULT_LINK_CHECK_SETTINGS, RESERVED_HOSTS, resolveLinkCheckSettings, linkCheckLayerOf } from './settings';
export { addressKind, addressRefusal, exclusionOf, exclusionReason, isPrivateHost, hostMatches, NOT_REQUESTED_KINDS } from './hostPolicy';
export type { NotRequested, NotRequestedKind } from './hostPolicy';
export { nodeTransport, systemResolver } from './transport';
export type { ResolvedAddress, Resolver, Transport, TransportRequest, TransportResponse } from './transport';
export { issueUrls, newUrls, withoutFragment } from './issueLinks';
export type { IssueUrl } from './issueLinks';
export { linkFindings, archiveUrlOf, LINK_CODES, NOT_REQUESTED_CODE } from './findings';
export { summarize, formatSummary, summaryJson } from './summary';
export type { LinkSummary } from './summary';
export * from './types';
