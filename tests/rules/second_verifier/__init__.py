"""A second verifier of the encrypted record, written from docs/ballot-crypto.md and the RFCs.

Test-only and pure Python (hashlib and int arithmetic): it shares no code with
src/daihoi/rules/ballot_crypto.py, election_record.py or elections/crypto_group.py, so a bug of
theirs that the published record agrees with is not also a bug of this verifier.
"""
