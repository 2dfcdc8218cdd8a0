import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export const OPENAPI_FILE = 'docs/openapi.json';

/** The OpenAPI 3 document of the app, built from decorators without listening. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Intensive-program scheduler API')
    .setDescription(
      'Scheduling for intensive trauma-therapy programs. Authenticate with a clinic API key: ' +
        '`Authorization: Bearer kps_...` or `X-Api-Key: kps_...`. Errors are RFC 9457 ' +
        'application/problem+json with a stable `code`.',
    )
    .setVersion('1')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'apiKey')
    .addBearerAuth({ type: 'http', scheme: 'bearer' }, 'bearer')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Stable text form of the spec, as committed in docs/openapi.json. */
export function serializeOpenApi(document: OpenAPIObject): string {
  return JSON.stringify(document, null, 2) + '\n';
}

/** Swagger UI at /docs, the JSON at /docs/openapi.json. */
export function mountOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
  });
}
