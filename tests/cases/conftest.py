from tests.cases.fixtures import cheap_hashing  # noqa: F401
