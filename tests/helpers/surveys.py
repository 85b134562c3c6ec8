"""Survey exports that fooled the old guesses (each stored a wrong figure with exit 0 when
the columns were guessed from the look of the answers), shaped like exports found in public
sources, with headings and answers written for the tests. Dated 2019: in the past whatever
the day the tests run."""

from __future__ import annotations

PYTHON_SURVEY = (
    "Timestamp,Python 2 or 3?,How many years have you been programming?,"
    "Which editor do you use most?\n"
    "2019-10-02 09:12:40,3,12,VS Code\n"
    "2019-10-02 09:30:11,3,4,Vim\n"
    "2019-10-03 11:01:09,2,20,Emacs\n"
    "2019-10-05 16:45:00,3,1,PyCharm\n"
)
STOCKS_SURVEY = (
    "Timestamp,Age,Roughly how much of your savings is in stocks? (0 = none; 10 = all of it),"
    "Do you own your home?\n"
    "2019-09-04 10:00:00,34,2,Yes\n"
    "2019-09-09 14:30:00,51,6,No\n"
    "2019-09-15 08:45:00,27,0,No\n"
    "2019-09-21 19:10:00,45,10,Yes\n"
    "2019-09-28 12:00:00,62,3,Yes\n"
)
ADMIN_FLAG = (
    "submitted_at,user_id,is_admin,score\n"
    "2019-09-01T10:00:00Z,1041,0,9\n"
    "2019-09-03T12:30:00Z,1042,0,10\n"
    "2019-09-07T08:15:00Z,1043,1,7\n"
    "2019-09-20T19:45:00Z,1044,0,8\n"
)
JOB_OFFER = (
    "#,What is your first name?,Date you first got a job offer,"
    "How likely are you to recommend the bootcamp to a friend?,"
    "Start Date (UTC),Submit Date (UTC),Network ID\n"
    "r1x9,Sam,1993-06-01,9,2019-10-02 09:00:11,2019-10-02 09:04:52,9f1e22\n"
    "k2p7,Ana,summer 2015,10,2019-10-05 14:10:00,2019-10-05 14:13:27,77aa01\n"
    "m5q3,Li,2019-02-15,6,2019-11-01 08:00:00,2019-11-01 08:02:10,1c2d9b\n"
    "t8w4,Jo,2021-11-30,8,2019-11-03 20:30:00,2019-11-03 20:31:44,5e6f3c\n"
)
