// Stub for office-addin-mock's unused, ESM-only dependency (see jest.config.js).
module.exports = {};
