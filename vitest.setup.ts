import 'reflect-metadata'

// The AWS SDK warns once per process that its releases after January 2027 need Node 22 (see the
// README); the bin silences it the same way, and test output shows test results only.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
