"""The demo council's two e-learning modules: lessons (Markdown) and quiz questions.

Each question is (text, right answer, wrong answers).
"""

from __future__ import annotations

Lesson = tuple[str, str]
QuizQuestion = tuple[str, str, tuple[str, ...]]

AWARENESS_TITLE = "Digital and social media: the basics"
AWARENESS_SUMMARY = "Twenty minutes for everyone who works for the council."
AWARENESS_LESSONS: tuple[Lesson, ...] = (
    (
        "Why the council uses social media",
        "Residents expect to find us where they already spend time online. Social media lets us "
        "share news quickly, answer questions and hear what people think.\n\nIt is also public "
        "and permanent, which is why the council has a policy about it.",
    ),
    (
        "You and the council online",
        "Anything you post that can be linked to your job can reflect on the council.\n\n"
        "- Do not speak for the council unless it is your job to.\n"
        "- Never share information you learned at work.\n"
        "- If you comment on council business, say you work here and that the views are yours.",
    ),
    (
        "Keeping people safe",
        "Never post pictures or details of service users, children or vulnerable adults. "
        "Do not accept friend requests from the people you support.",
    ),
    (
        "Staying secure",
        "Use strong, separate passwords and turn on two-step sign-in. Be wary of links in "
        "messages, even ones that look like they come from colleagues. Report anything odd to ICT.",
    ),
    (
        "Where to get help",
        "The digital and communications team can help with anything about council accounts. "
        "Your line manager and HR can help with questions about personal use.",
    ),
)
AWARENESS_QUESTIONS: tuple[QuizQuestion, ...] = (
    (
        "Who can open a new council social media account?",
        "The digital and communications team",
        ("Any service manager", "Anyone with a council email address"),
    ),
    (
        "A friend asks online about a resident you helped at work. What do you do?",
        "Say nothing about the resident",
        ("Share only their first name", "Reply in a private message"),
    ),
    (
        "You comment on a council decision from your own account. What should you say?",
        "That you work for the council and the views are your own",
        ("Nothing: it is your own account", "That you speak for the council"),
    ),
    (
        "Which of these keeps your accounts safest?",
        "A different strong password for each, with two-step sign-in",
        ("One strong password for everything", "Writing passwords in your diary"),
    ),
    (
        "May you post a photo of a child at a council event without written consent?",
        "No",
        ("Yes, if their face is small", "Yes, if the event was public"),
    ),
    (
        "Who helps with a question about your personal use of social media?",
        "Your line manager or HR",
        ("The council's press office only", "Nobody: it is personal"),
    ),
)

PUBLISHER_TITLE = "Publishing for the council"
PUBLISHER_SUMMARY = "For editors, approvers and account owners. Refresh every twelve months."
PUBLISHER_LESSONS: tuple[Lesson, ...] = (
    (
        "Professional use",
        "A council account speaks for the council. Keep to the account's purpose, follow the "
        "publishing schedule, and check every post against the Guidelines before it goes out.",
    ),
    (
        "Legal implications",
        "Defamation, copyright, data protection and equality law apply to every post. Only use "
        "images you have the rights to, and never publish personal data about residents.",
    ),
    (
        "Safeguarding",
        "Get written consent before publishing images of anyone under 18 or at risk. Never "
        "move a conversation with a service user onto a personal account.",
    ),
    (
        "The pre-election period",
        "In the weeks before an election, avoid anything that could look like support for a "
        "party or candidate. Check with the digital team before announcing anything new.",
    ),
    (
        "Accessibility",
        "Write in plain English. Add descriptions to images, caption videos, use camel case in "
        "hashtags and never put important information only in a picture.",
    ),
    (
        "Running an online community",
        "Publish house rules and the hours you respond. Hide or remove abuse, keep a record of "
        "why, and pass complaints to the right service.",
    ),
    (
        "Personal use",
        "Your personal accounts are yours, but the Code of Conduct still applies to anything "
        "that can be linked to your job.",
    ),
)
PUBLISHER_QUESTIONS: tuple[QuizQuestion, ...] = (
    (
        "Before an election, a councillor asks you to share their campaign post. What do you do?",
        "Decline: council accounts stay politically neutral",
        ("Share it without comment", "Share it if other councillors agree"),
    ),
    (
        "What must every image on a council post have?",
        "A text description",
        ("A council logo", "A hashtag"),
    ),
    (
        "You want to use a photo you found online. What do you need first?",
        "Permission from whoever holds the rights",
        ("Nothing if you credit it", "Nothing if it is on a public website"),
    ),
    (
        "A resident posts abuse under a council post. What do you do?",
        "Hide or remove it under the house rules and record why",
        ("Reply in kind", "Leave it: removing comments is censorship"),
    ),
    (
        "A young person you support sends a follow request to your personal account.",
        "Decline it",
        ("Accept it but do not reply", "Accept it if their parent agrees"),
    ),
    (
        "How should hashtags be written so screen readers read them well?",
        "In camel case, such as #AldermoorLibraries",
        ("All in lower case", "All in capitals"),
    ),
    (
        "Who agrees to close a council account?",
        "The digital and communications team",
        ("The account's editor", "Nobody: unused accounts can be left"),
    ),
    (
        "How often must you refresh this training to keep publishing rights?",
        "Every twelve months",
        ("Every five years", "Never"),
    ),
)
