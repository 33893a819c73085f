"""The demo site: the client's Intensive Outpatient page (their own copy) and the pages around it.

The copy comes from the client’s WordPress page (tests/fixtures/intensive-outpatient-page.txt);
the demo loader turns it into Wagtail pages. Citation markers use fixed IDs so reloading is stable.
"""

import datetime
import uuid

DEMO_NAMESPACE = uuid.UUID("6f1c1f4e-3c1a-4f5e-9a57-2d0f6f0a7b10")


def citation_id(key):
    return str(uuid.uuid5(DEMO_NAMESPACE, key))


def cite(key):
    return f'<citation id="{citation_id(key)}">[cite]</citation>'


IOP_FIRST_PUBLISHED = datetime.datetime(2018, 7, 26, 8, 12, 52, tzinfo=datetime.UTC)

HOME = {
    "title": "Transformations",
    "slug": "home",
    "intro": (
        "Transformations treats substance use disorders with care that fits each person, from "
        "residential treatment to intensive outpatient programs. If you or someone you love is "
        "struggling, call us for a confidential discussion."
    ),
    # Copy written for the demo: general and honest (no outcome claims, no statistics, no
    # testimonials). The steps say what any admissions call involves, nothing more.
    "body": [
        (
            "hero",
            {
                "heading": "Treatment for substance use, built around you",
                "text": (
                    "Transformations treats substance use disorders with care that fits each "
                    "person. If you or someone you love is struggling, call us for a confidential "
                    "discussion."
                ),
                "call_label": "Call",
                "image": None,
            },
        ),
        (
            "call_steps",
            {
                "heading": "What happens when you call",
                "steps": [
                    {
                        "title": "You talk to our admissions team",
                        "text": "The call is confidential, and you do not need to know "
                        "which program you need to ask.",
                    },
                    {
                        "title": "We listen and ask a few questions",
                        "text": "About what is going on, your health and what you have tried, "
                        "so that we understand what would help.",
                    },
                    {
                        "title": "We check your insurance with you",
                        "text": "Coverage depends on your plan; we find out what yours covers "
                        "before you decide anything.",
                    },
                    {
                        "title": "Together we find the right level of care",
                        "text": "We talk through the options, and if a program here fits, "
                        "when it can start.",
                    },
                ],
                "call_label": "Call",
            },
        ),
        (
            "program_cards",
            {
                "heading": "Our programs",
                "intro": "Every treatment plan is customized for the person in it.",
                "programs": [],
            },
        ),
        ("locations", {"heading": "Where to find us", "intro": ""}),
        (
            "credentials",
            {
                "heading": "Licensed and accredited",
                "intro": "Each one links to the issuer's own public lookup, where you can "
                "check it.",
            },
        ),
        (
            "faq",
            {
                "heading": "Questions people ask before they call",
                "items": [
                    {
                        "question": "Is the call confidential?",
                        "answer": "<p>Yes. What you tell our admissions team stays between "
                        "you and us.</p>",
                    },
                    {
                        "question": "I am calling for someone else. Can you still help?",
                        "answer": "<p>Yes. Many calls come from a family member or a friend. "
                        "We can talk about what you are seeing and how to help them take the "
                        "next step.</p>",
                    },
                    {
                        "question": "Do you take my insurance?",
                        "answer": "<p>We work with many plans, and coverage depends on yours. "
                        "Call us and we will check it with you.</p>",
                    },
                ],
            },
        ),
        ("latest_articles", {"heading": "Latest articles", "count": 3}),
    ],
}

PROGRAMS = {
    "title": "Programs",
    "slug": "programs",
    "intro": "Levels of care at Transformations. Each program is built around the person in it.",
}

ARTICLES = {
    "title": "Articles",
    "slug": "articles",
    "intro": "Writing about addiction, treatment and recovery, checked by our clinicians.",
}

CITATIONS = [
    {
        "key": "samhsa-iop",
        "source": "Substance Abuse and Mental Health Services Administration",
        "title": "Substance Abuse: Clinical Issues in Intensive Outpatient Treatment",
        "url": "https://www.ncbi.nlm.nih.gov/books/NBK64094/",
    },
    {
        # The client's page spells the journal "Psychiactric Services"; its name is corrected here.
        "key": "psychiatric-services-iop",
        "source": "Psychiatric Services",
        "title": "Substance Abuse Intensive Outpatient Programs: Assessing the Evidence",
        "url": "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC4152944/",
    },
    {
        "key": "nida-principles",
        "source": "National Institute on Drug Abuse",
        "title": "Principles of Drug Addiction Treatment: A Research-Based Guide",
        "url": "https://www.drugabuse.gov/publications/principles-drug-addiction-treatment-research-based-guide-third-edition/principles-effective-treatment",
    },
]

NEED_MORE_INFORMATION = {
    "heading": "Need More Information?",
    "text": "Call now to be connected with one of our friendly, helpful treatment specialists.",
    "show_phone": True,
    "phone": "",
}

IOP = {
    "title": "Intensive Outpatient",
    "slug": "intensive-outpatient",
    "intro": (
        "Intensive outpatient treatment (IOP) is a valid option for care for anyone struggling "
        "with a substance use disorder: programming several days a week, without a stay in a "
        "residential facility."
    ),
    "search_description": (
        "Intensive outpatient treatment (IOP) for substance use disorders: what an IOP is, how "
        "effective it is, and the benefits of treatment that lets you live at home."
    ),
    "first_published_at": IOP_FIRST_PUBLISHED,
    # (block type, value); "image" in a benefit section names a generated demo picture.
    "body": [
        (
            "benefit_section",
            {
                "heading": "The Benefits of Intensive Outpatient Treatment",
                "text": "<p>Intensive outpatient treatment (IOP) is a valid option for care for "
                "anyone struggling with a substance use disorder. It includes programming and "
                "services several days a week but does not require a stay in a residential "
                "facility. An IOP is not right for everyone, and every treatment plan must be "
                "customized for an individual client to be most effective, but there are many "
                "benefits. It is an option for treatment that should be carefully considered "
                "alongside residential and other types of care.</p>",
            },
        ),
        (
            "benefit_section",
            {
                "heading": "What is an IOP?",
                "text": "<p>An intensive outpatient program is a type of treatment that combines "
                "the rigor of inpatient care with the flexibility of being able to live at home. "
                "Most IOPs offer the same range of services as a residential program, and in fact "
                "many IOPs are housed in residential facilities where clients can access all of "
                "the same care.</p>"
                "<p>An IOP is different from residential treatment in that there are fewer hours "
                "per week of treatment and the clients live at home. A typical IOP may include "
                "four to five days per week of treatment, with sessions lasting for one to four "
                "hours each. Components of IOPs generally include individual therapy sessions and "
                "counseling, group support, family or couples therapy, alternative therapies, life "
                "skills, relapse prevention, health and nutrition counseling, and recreation and "
                f"social activities.{cite('samhsa-iop')}</p>",
            },
        ),
        (
            "benefit_section",
            {
                "heading": "Intensive Outpatient Care is Effective",
                "image": "morning-path",
                "text": "<p>An IOP can be used as a sole form of treatment, in place of "
                "residential "
                "treatment. There is a common misconception that any type of outpatient treatment "
                "is less effective than inpatient care. However, research has proven that this is "
                f"simply not true. One study{cite('psychiatric-services-iop')}, a review of "
                "multiple other studies on treatment and recovery, showed that the outcomes for "
                "clients in IOPs and those in residential treatment programs were comparable. IOPs "
                "proved to be just as effective in reducing or stopping substance use as "
                "traditional residential programs.</p>",
            },
        ),
        ("call_to_action", NEED_MORE_INFORMATION),
        (
            "benefit_section",
            {
                "heading": "IOPs Offer a Safe Transition from Residential Care to Home Life",
                "text": "<p>While an IOP can be the first step in treatment, it can also be a "
                "stepping stone between phases of recovery. Spending an adequate amount of time in "
                "treatment is crucial for effective recovery from a substance use disorder"
                f"{cite('nida-principles')}, but no one can stay in rehab forever. Eventually it "
                "is necessary to go back home to begin to build a healthy, sober life. That early "
                "stage of leaving rehab and learning to live a different life, without drugs and "
                "alcohol, is full of triggers, and relapse is a very real possibility.</p>"
                "<p>Participating in an IOP after rehab can help ease the transition and make "
                "relapse less likely. The ongoing but stepped-down support allows a person to make "
                "a safer transition that is not so abrupt. The IOP provides a safe place to turn "
                "when cravings threaten to cause a relapse. The ongoing care also strengthens "
                "sobriety and the tools learned in rehab for managing triggers and making positive "
                "lifestyle changes.</p>",
            },
        ),
        (
            "benefit_section",
            {
                "heading": "Outpatient Care Provides Greater Flexibility",
                "text": "<p>While staying in residential rehab is a necessity and the best choice "
                "for many people, for others it may not be necessary. A benefit of choosing an IOP "
                "instead is that it gives a person more flexibility. While in residential care it "
                "is impossible to do anything else, including maintaining a job, looking for a job "
                "or being with supportive family and friends to help develop healthier "
                "relationships.</p>"
                "<p>IOPs vary in terms of their scheduling, but many offer both day and evening "
                "options. This allows clients to be able to choose the option that works best and "
                "even provides an opportunity to continue going to work or to school to continue "
                "an education. With an IOP a person can continue to socialize with friends and "
                "family in safe environments, benefitting from their support and practicing new "
                "skills for managing triggers and preventing relapse.</p>",
            },
        ),
        (
            "benefit_section",
            {
                "heading": "An IOP Allows for Treatment Extension with Minimal Disruption",
                "image": "evening-hills",
                "text": "<p>Because an IOP can be used to give clients the flexibility needed "
                "to be "
                "able to manage family responsibilities, go to work, go to school or participate "
                "in ordinary activities, it can also be used to extend treatment. There are time "
                "limits on staying in residential care for practical reasons, like cost and work. "
                "But, because IOPs cause less disruption and have more flexibility, they can be "
                "extended beyond the end of one treatment session. If a client needs more care it "
                "is easier to start another IOP session and to continue living a normal life at "
                "home and outside of care.</p>",
            },
        ),
        ("call_to_action", NEED_MORE_INFORMATION),
        (
            "benefit_section",
            {
                "heading": "IOPs Include the Comfort of Home",
                "text": "<p>Everyone is different and this means that choosing a treatment program "
                "will be based on the unique needs of the individual. For those who feel "
                "uncomfortable in a residential facility, who have a supportive and loving family "
                "at home and who generally feel safer and more comfortable in their own home with "
                "their own things, an IOP can be a comfort. It allows the client to remain where "
                "he or she feels best, and this only benefits treatment and recovery.</p>"
                "<p>The choice of an IOP for treating a substance use disorder is a personal one. "
                "One of the most important ways to make treatment effective is to ensure that it "
                "meets the unique needs of the individual person. For some people, residential "
                "care is best, but for others there are too many benefits of an IOP to not "
                "consider this as a valid option for primary or extended care.</p>",
            },
        ),
        ("call_to_action", NEED_MORE_INFORMATION),
    ],
}

# Old WordPress addresses -> the slug of the program page that replaced them (permanent redirects).
REDIRECTS = [("/intensive-outpatient/", "intensive-outpatient")]

# Generated pictures (no stock photos, nothing fetched): calm abstract landscapes, decorative.
DEMO_IMAGES = {
    "morning-path": {
        "title": "Morning path (illustration)",
        "sky": ((233, 244, 240), (196, 226, 214)),
        "hills": ((120, 170, 150), (74, 128, 110)),
        "sun": (247, 214, 140),
    },
    "evening-hills": {
        "title": "Evening hills (illustration)",
        "sky": ((246, 236, 222), (226, 205, 186)),
        "hills": ((142, 160, 130), (92, 116, 96)),
        "sun": (240, 180, 120),
    },
}
