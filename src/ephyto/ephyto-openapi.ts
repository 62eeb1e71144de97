const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

export const ephytoOpenApiPaths = {
  '/api/v1/documents/{id}/ephyto': {
    get: {
      tags: ['Documents'],
      summary: 'A phytosanitary certificate as the UN/CEFACT SPSCertificate D17A an NPPO exchanges over the IPPC ePhyto hub',
      security: [{ enterpriseApiKey: [] }],
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
      responses: {
        '200': {
          description: 'The SPSCertificate, validated against D17A before it is sent (docs/ephyto.md maps it)',
          content: { 'application/xml': { schema: { type: 'string' } } },
        },
        '401': problem('Missing, unknown or revoked API key'),
        '404': problem('No such document of this enterprise'),
        '422': problem('The document is not a phytosanitary certificate (EPHYTO.NOT_PHYTOSANITARY)'),
      },
    },
  },
};
