"""The citizen's journey after the visit (issue 19): documents arriving at the station
(到证登记), the SMS notices outbox, delivery by post (送证上门, 邮寄), the uncollected list,
and the follow-up of every bad rating (好差评回访). No Qt here: the windows, the CLI and the
tests call these services, and each service owns its transaction.
"""
