import { checkedAt, emergency, phone, text, web, type CountryEntry } from './resource-types.js';

/** United States, United Kingdom, Ireland, Canada, Australia and New Zealand (docs/safety.md). */
export const ENGLISH_SPEAKING = {
  US: {
    countryName: 'United States',
    emergencyNumber: '911',
    resources: [
      emergency(
        'us',
        '911',
        'If you are in danger right now, call 911.',
        'https://ovc.ojp.gov/news/grantee-news/national-domestic-violence-hotline-answers-6-million-contacts',
      ),
      {
        id: 'us_thehotline',
        kind: 'domestic_abuse',
        name: 'National Domestic Violence Hotline',
        contacts: [phone('1-800-799-7233', '+18007997233'), text('Text START to 88788', '88788'), web('www.thehotline.org')],
        description:
          'Free and confidential, day and night. Trained advocates listen, help you make sense of what is happening, ' +
          'and help you plan for your safety — whether you stay or leave. You can also chat with them on their website.',
        open24Hours: true,
        source: checkedAt('https://ovc.ojp.gov/news/grantee-news/national-domestic-violence-hotline-answers-6-million-contacts'),
      },
      {
        id: 'us_rainn',
        kind: 'sexual_violence',
        name: 'RAINN National Sexual Assault Hotline',
        contacts: [phone('1-800-656-4673', '+18006564673'), web('www.rainn.org')],
        description:
          'Free and confidential support after any unwanted sexual experience, including with a partner, and a link to ' +
          'a local service near you.',
        open24Hours: true,
        source: checkedAt('https://rainn.org/get-help/national-sexual-assault-hotline'),
      },
      {
        id: 'us_988',
        kind: 'crisis',
        name: '988 Suicide & Crisis Lifeline',
        contacts: [phone('988', '988'), text('Text 988', '988'), web('988lifeline.org')],
        description: 'If you are overwhelmed, or thinking about hurting yourself, someone is there to talk with you, any time.',
        open24Hours: true,
        source: checkedAt('https://legalclarity.org/hope-hotline-who-to-call-for-mental-health-and-safety'),
      },
    ],
  },
  GB: {
    countryName: 'United Kingdom',
    emergencyNumber: '999',
    resources: [
      emergency(
        'gb',
        '999',
        'If you are in danger right now, call 999. If you cannot speak, call from a mobile, stay on the line and press 55 ' +
          'when you are asked: the police will know you need help.',
        'https://www.centre56.org.uk/domestic-abuse',
      ),
      {
        id: 'gb_national_da_helpline',
        kind: 'domestic_abuse',
        name: 'National Domestic Abuse Helpline (run by Refuge)',
        contacts: [phone('0808 2000 247', '+448082000247'), web('www.nationaldahelpline.org.uk')],
        description:
          'Free and confidential, day and night, for anyone living with domestic abuse and for people worried about ' +
          'someone. They can talk through your options and help you plan to stay safe.',
        open24Hours: true,
        source: checkedAt(
          'https://refuge.org.uk/news/refuge-response-to-home-secretary-announcement-of-support-for-domestic-abuse-victims',
        ),
      },
      {
        id: 'gb_scotland_helpline',
        kind: 'domestic_abuse',
        name: "Scotland's Domestic Abuse and Forced Marriage Helpline",
        contacts: [phone('0800 027 1234', '+448000271234'), web('sdafmh.org.uk')],
        description: 'Free, confidential support day and night for anyone in Scotland.',
        region: 'Scotland',
        open24Hours: true,
        source: checkedAt('https://scotland.police.uk/advice-and-information/domestic-abuse/what-can-i-do-if-this-is-happening-to-me'),
      },
      {
        id: 'gb_wales_live_fear_free',
        kind: 'domestic_abuse',
        name: 'Live Fear Free helpline',
        contacts: [
          phone('0808 80 10 800', '+448088010800'),
          text('Text 07860 077333', '+447860077333'),
          web('www.gov.wales', '/live-fear-free'),
        ],
        description: 'Free, confidential support day and night for anyone in Wales, by phone, text or chat.',
        region: 'Wales',
        open24Hours: true,
        source: checkedAt('https://www.gov.wales/live-fear-free/sexual-violence'),
      },
      {
        id: 'gb_ni_helpline',
        kind: 'domestic_abuse',
        name: 'Domestic and Sexual Abuse Helpline',
        contacts: [phone('0808 802 1414', '+448088021414'), web('www.dsahelpline.org')],
        description: 'Free, confidential support day and night for anyone in Northern Ireland.',
        region: 'Northern Ireland',
        open24Hours: true,
        source: checkedAt('https://www.victimsupportni.com/help-for-victims/domestic-violence'),
      },
      {
        id: 'gb_mens_advice_line',
        kind: 'men',
        name: "Men's Advice Line",
        contacts: [phone('0808 801 0327', '+448088010327'), web('mensadviceline.org.uk')],
        description: 'A confidential helpline for men living with abuse from a partner. Check their website for opening hours.',
        open24Hours: false,
        source: checkedAt('https://www.centre56.org.uk/domestic-abuse'),
      },
      {
        id: 'gb_samaritans',
        kind: 'crisis',
        name: 'Samaritans',
        contacts: [phone('116 123', '116123'), web('www.samaritans.org')],
        description: 'Free, any time, from any phone. Someone to talk to when things feel like too much.',
        open24Hours: true,
        source: checkedAt('https://www.samaritans.org/how-we-can-help/contact-samaritan/'),
      },
    ],
  },
  IE: {
    countryName: 'Ireland',
    emergencyNumber: '112',
    resources: [
      emergency(
        'ie',
        '112',
        'If you are in danger right now, call 112 or 999. Both reach the Gardaí and an ambulance, free from any phone.',
        'http://dpnlive.com/living/life-and-style/living-in-europe/953-who-are-you-going-to-call-999-or-112',
      ),
      {
        id: 'ie_womens_aid',
        kind: 'domestic_abuse',
        name: "Women's Aid National Freephone Helpline",
        contacts: [phone('1800 341 900', '+3531800341900'), web('www.womensaid.ie')],
        description:
          'Free and confidential, day and night, for women living with abuse from a partner or ex-partner, and for ' +
          'family and friends who are worried about them.',
        open24Hours: true,
        source: checkedAt('https://www.womensaid.ie/about/newsevents/news/2016/09/05/media-release-41-calls-a-day-to-womens-aid-in-2016/'),
      },
      {
        id: 'ie_samaritans',
        kind: 'crisis',
        name: 'Samaritans',
        contacts: [phone('116 123', '116123'), web('www.samaritans.org')],
        description: 'Free, any time, from any phone in Ireland. Someone to talk to when things feel like too much.',
        open24Hours: true,
        source: checkedAt('https://en.wikipedia.org/wiki/Samaritans_(charity)'),
      },
    ],
  },
  CA: {
    countryName: 'Canada',
    emergencyNumber: '911',
    resources: [
      emergency(
        'ca',
        '911',
        'If you are in danger right now, call 911.',
        'https://www.westislandnews.com/post/together-stop-the-virus-and-the-violence-24-7-help-hotlines',
      ),
      {
        id: 'ca_sheltersafe',
        kind: 'domestic_abuse',
        name: 'ShelterSafe',
        contacts: [web('sheltersafe.ca')],
        description:
          'Canada has no single national helpline for abuse; support is local. ShelterSafe is a map of shelters and ' +
          'crisis lines across the country, with their phone numbers — many answer day and night, and you can call to ' +
          'talk without staying there.',
        open24Hours: false,
        source: checkedAt(
          'https://endvaw.ca/archives/news/sheltersafe-ca-launches-new-and-improved-search-features-for-women-and-children-escaping-violence/',
        ),
      },
      {
        id: 'ca_sos_violence_conjugale',
        kind: 'domestic_abuse',
        name: 'SOS violence conjugale',
        contacts: [phone('1-800-363-9010', '+18003639010'), web('sosviolenceconjugale.ca')],
        description: 'Free, confidential support day and night, in French or English.',
        region: 'Québec',
        open24Hours: true,
        source: checkedAt('https://www.accueil-pourelle.org/documentation/sos-violence-conjugale/'),
      },
      {
        id: 'ca_988',
        kind: 'crisis',
        name: '988 Suicide Crisis Helpline',
        contacts: [phone('988', '988'), text('Text 988', '988'), web('988.ca')],
        description:
          'If you are overwhelmed, or thinking about hurting yourself, someone is there to talk with you, any time, in ' +
          'English or French.',
        open24Hours: true,
        source: checkedAt('https://cmhasaskatoon.ca/9-8-8/'),
      },
    ],
  },
  AU: {
    countryName: 'Australia',
    emergencyNumber: '000',
    resources: [
      emergency(
        'au',
        '000',
        'If you are in danger right now, call Triple Zero (000).',
        'https://www.1800respect.org.au/daisy-privacy-and-terms-and-conditions/',
      ),
      {
        id: 'au_1800respect',
        kind: 'domestic_abuse',
        name: '1800RESPECT',
        contacts: [phone('1800 737 732', '+611800737732'), web('www.1800respect.org.au')],
        description:
          'The national counselling service for anyone affected by domestic, family or sexual violence. Free, ' +
          'confidential, day and night, by phone or online chat.',
        open24Hours: true,
        source: checkedAt('https://plan4womenssafety.dss.gov.au/initiatives/1800respect'),
      },
      {
        id: 'au_mensline',
        kind: 'men',
        name: 'MensLine Australia',
        contacts: [phone('1300 78 99 78', '+611300789978'), web('mensline.org.au')],
        description: 'Counselling for men, day and night, including about relationship worries and abuse.',
        open24Hours: true,
        source: checkedAt('https://wyndham.starweekly.com.au/news/problems-put-on-the-line/'),
      },
      {
        id: 'au_lifeline',
        kind: 'crisis',
        name: 'Lifeline',
        contacts: [phone('13 11 14', '+61131114'), web('www.lifeline.org.au')],
        description: 'If you are overwhelmed, or thinking about hurting yourself, someone is there to talk with you, any time.',
        open24Hours: true,
        source: checkedAt('https://lifelineh2h.org.au/get-help/telephone-crisis-support/faqs/'),
      },
    ],
  },
  NZ: {
    countryName: 'New Zealand',
    emergencyNumber: '111',
    resources: [
      emergency('nz', '111', 'If you are in danger right now, call 111.', 'https://womensrefuge.org.nz/get-help/'),
      {
        id: 'nz_womens_refuge',
        kind: 'domestic_abuse',
        name: "Women's Refuge crisis line",
        contacts: [phone('0800 733 843 (0800 REFUGE)', '+64800733843'), web('womensrefuge.org.nz')],
        description:
          'Free, day and night. Your call goes to an advocate at the refuge in your region, who will listen without ' +
          'judging and help you make choices for your safety.',
        open24Hours: true,
        source: checkedAt('https://womensrefuge.org.nz/get-help/'),
      },
      {
        id: 'nz_shine',
        kind: 'domestic_abuse',
        name: 'Shine Helpline',
        contacts: [phone('0508 744 633', '+64508744633')],
        description: 'Free from any phone, 9am to 11pm every day, for anyone living with abuse at home.',
        open24Hours: false,
        source: checkedAt(
          'https://www.govt.nz/browse/law-crime-and-justice/abuse-harassment-domestic-violence/domestic-and-family-violence/',
        ),
      },
      {
        id: 'nz_its_not_ok',
        kind: 'domestic_abuse',
        name: "It's Not OK information line",
        contacts: [phone('0800 456 450', '+64800456450')],
        description: 'Free from any phone, 9am to 11pm every day: information about family violence and where to find help.',
        open24Hours: false,
        source: checkedAt(
          'https://www.govt.nz/browse/law-crime-and-justice/abuse-harassment-domestic-violence/domestic-and-family-violence/',
        ),
      },
    ],
  },
} satisfies Record<string, CountryEntry>;
