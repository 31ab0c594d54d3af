"""The social channel (issue 21, in progress): social accounts, posts, chats and messages as
record kinds (``data/kinds``), the Telegram, WhatsApp and Instagram export readers
(``readers``), the recruitment indicators and the SOC_RECRUITER rule as data
(``data/indicators.yaml``, ``data/rules.yaml``, evaluated by ``recruiter``), coordinated
promotion (``promotion``) and communities over the connection graph (``communities``).

Not registered with ``linkboard.hooks`` yet: ``linkboard run`` does not read these exports
until the channel registers its parts, as ``linkboard.payments`` does."""
