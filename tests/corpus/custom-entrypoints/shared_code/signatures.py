import hashlib
import hmac


def matches(secret: str, body: bytes, signature: str, prefix: str = "") -> bool:
    expected = prefix + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature or "")
