"""C2PA Content Credentials: reading them offline and the training-permission policy.

- `c2pa_loader`: the only importer of c2pa-python (pins its native library to the package folder,
  builds cached no-network contexts, guards against fork after c2pa started threads).
- `c2pa_reader`: `read_c2pa(bytes, media_type, anchors) -> C2paSummary`, `supported_media_type`,
  `validate_trust_anchor_pem`.
- `policy`: the training-permission and credential-state rules, `default_c2pa_policy()`.
- `testsign`: a throwaway CA and C2PA signing, for tests and `ledger demo`.
"""
