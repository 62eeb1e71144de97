/** An enterprise (importer, exporter, customs broker) known to the single window by its tax code. */
export interface Enterprise {
  id: string;
  taxId: string;
  name: string;
  createdAt: Date;
}

/** A stored API key: only the SHA-256 of the key is kept, under its public key id. */
export interface ApiKeyRecord {
  /** The key's public identifier, also the first characters of the key after `swk_`. */
  id: string;
  enterpriseId: string;
  /** SHA-256 of the whole key, base64url. */
  hash: string;
  createdAt: Date;
  revokedAt?: Date;
}

/** Who is calling, once an API key has been accepted. */
export interface EnterprisePrincipal {
  enterpriseId: string;
  keyId: string;
}
