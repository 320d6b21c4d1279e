// Runs @nestjs/swagger's compiler plugin under ts-jest, as `nest build` does, so tests see the same OpenAPI document.
const transformer = require('@nestjs/swagger/plugin');

module.exports.name = 'nestjs-swagger-transformer';
module.exports.version = 1;
module.exports.factory = (cs) => transformer.before({ classValidatorShim: true, introspectComments: true }, cs.program);
