-- Bank signatures v2 (docs/api.md, "Bank signatures") sign the method and the path as well as the body,
-- and every change a bank asks for is keyed by its id: a byte-identical resend is answered with the
-- first answer instead of being refused, so seen signatures are no longer remembered.
DROP TABLE bank_signature_seen;
