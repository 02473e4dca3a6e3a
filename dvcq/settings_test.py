"""Settings for the test suite: production settings with a fast password hasher.

Every created user costs ~0.5 s with PBKDF2; MD5 makes a test user cost nothing. Nothing
else differs, so the tests still exercise what production runs. ``dvcq/tests/test_security``
checks that the production settings keep the slow hasher.
"""

from dvcq.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
