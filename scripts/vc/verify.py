"""An independent verifier of Sigap's certificates, written apart from the Swift code: JSON Canonicalization
(RFC 8785) by hand, SHA-256 from hashlib, Ed25519 from the `cryptography` package, the `eddsa-jcs-2022`
procedure of W3C vc-di-eddsa §3.3.

    python3 verify.py CREDENTIAL.json ISSUER.json      exit 0 when the proof verifies with a key the issuer
                                                       profile publishes, 1 when it does not
    python3 verify.py --vectors FOLDER                 checks this verifier itself against the W3C test vectors
"""
import hashlib
import json
import math
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def base58_decode(text):
    number = 0
    for character in text:
        number = number * 58 + ALPHABET.index(character)
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * (len(text) - len(text.lstrip("1"))) + raw


def multikey_public(text):
    if not text.startswith("z"):
        raise ValueError("not multibase base58btc")
    raw = base58_decode(text[1:])
    if raw[:2] != b"\xed\x01" or len(raw) != 34:
        raise ValueError("not an Ed25519 public Multikey")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def jcs(value):
    """RFC 8785: sorted members (by UTF-16 code units), no white space, minimal string escapes."""
    if isinstance(value, dict):
        names = sorted(value, key=lambda name: name.encode("utf-16-be"))
        return "{" + ",".join(jcs(name) + ":" + jcs(value[name]) for name in names) + "}"
    if isinstance(value, list):
        return "[" + ",".join(jcs(item) for item in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e21):
        return str(int(value))
    if isinstance(value, float) and math.isfinite(value):
        return repr(value).replace("e-0", "e-").replace("e+0", "e+")
    raise ValueError(f"cannot canonicalise {value!r}")


def verify(secured, resolve):
    document = dict(secured)
    proof = dict(document.pop("proof"))
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != "eddsa-jcs-2022":
        return False, "not an eddsa-jcs-2022 proof"
    signature = base58_decode(proof.pop("proofValue")[1:])
    if "@context" in proof:
        context = proof["@context"]
        if document.get("@context", [])[: len(context)] != context:
            return False, "the proof's context does not match the document's"
        document["@context"] = context
    key = resolve(proof["verificationMethod"])
    if key is None:
        return False, f"unknown key {proof['verificationMethod']}"
    data = hashlib.sha256(jcs(proof).encode()).digest() + hashlib.sha256(jcs(document).encode()).digest()
    try:
        key.verify(signature, data)
    except InvalidSignature:
        return False, "the signature does not match"
    return True, proof["verificationMethod"]


def main(arguments):
    if arguments[:1] == ["--vectors"]:
        folder = arguments[1]
        pair = json.load(open(f"{folder}/keyPair.json"))
        signed = json.load(open(f"{folder}/signedJCS.json"))
        assert jcs(json.load(open(f"{folder}/unsigned.json"))) == open(f"{folder}/canonDocJCS.txt").read().strip()
        key = multikey_public(pair["publicKeyMultibase"])
        ok, why = verify(signed, lambda method: key)
        if not ok:
            sys.exit(f"vc-verify: the W3C vector does not verify here: {why}")
        signed["credentialSubject"]["alumniOf"] += "."
        if verify(signed, lambda method: key)[0]:
            sys.exit("vc-verify: a changed W3C vector still verifies")
        print("vc-verify: the W3C eddsa-jcs-2022 vector verifies, and fails once changed")
        return 0
    credential = json.loads(open(arguments[0], "rb").read())
    issuer = json.loads(open(arguments[1], "rb").read())
    keys = {entry["id"]: multikey_public(entry["publicKeyMultibase"]) for entry in issuer["verificationMethod"]}
    ok, why = verify(credential, keys.get)
    print(f"vc-verify: {'VALID' if ok else 'INVALID'} ({why})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
