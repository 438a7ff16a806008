import { checkedAt, emergency, phone, web, type CountryEntry } from './resource-types.js';

const EU_112 = 'https://www.112.hu/en/112_in_the_EU';

/** Germany, France, Spain, Italy and the Netherlands (docs/safety.md). */
export const EUROPE = {
  DE: {
    countryName: 'Germany',
    emergencyNumber: '112',
    resources: [
      emergency('de', '112', 'If you are in danger right now, call 112 (or 110 for the police).', EU_112),
      {
        id: 'de_hilfetelefon',
        kind: 'domestic_abuse',
        name: 'Hilfetelefon Gewalt gegen Frauen',
        contacts: [phone('116 016', '116016'), web('www.hilfetelefon.de')],
        description:
          'The national helpline for women living with violence, and for the people around them. Free, anonymous, day ' +
          'and night, in German and many other languages, by phone or online chat.',
        open24Hours: true,
        source: checkedAt('https://www.hilfetelefon.de/das-hilfetelefon/angebot-im-ueberblick.html'),
      },
    ],
  },
  FR: {
    countryName: 'France',
    emergencyNumber: '112',
    resources: [
      emergency(
        'fr',
        '112',
        'If you are in danger right now, call 17 for the police, or 112 from a mobile.',
        'https://www.parolesdefemmes81.fr/présentation/3919/',
      ),
      {
        id: 'fr_3919',
        kind: 'domestic_abuse',
        name: '3919 Violences Femmes Info',
        contacts: [phone('3919', '3919'), web('solidaritefemmes.org', '/appeler-le-3919/')],
        description:
          'The national listening line for women living with violence, and for the people around them. Free and ' +
          'anonymous, day and night, from any phone in France and its overseas departments.',
        open24Hours: true,
        source: checkedAt('https://solidaritefemmes.org/appeler-le-3919/'),
      },
    ],
  },
  ES: {
    countryName: 'Spain',
    emergencyNumber: '112',
    resources: [
      emergency(
        'es',
        '112',
        'If you are in danger right now, call 112.',
        'https://www.elperiodicoextremadura.com/noticias/extremadura/extremadura-realizan-tres-llamadas-dia-telefono-016_1194873.html',
      ),
      {
        id: 'es_016',
        kind: 'domestic_abuse',
        name: '016',
        contacts: [phone('016', '016')],
        description:
          'Free, confidential information, legal advice and support for any kind of violence against women, day and ' +
          'night, in many languages. The call does not show on the phone bill, but it does stay in the phone’s list of ' +
          'calls. WhatsApp: 600 000 016.',
        open24Hours: true,
        source: checkedAt('https://elmirondesoria.es/nacional/politica/el-servicio-016-recibe-59-317-consultas-de-enero-a-junio'),
      },
    ],
  },
  IT: {
    countryName: 'Italy',
    emergencyNumber: '112',
    resources: [
      emergency('it', '112', 'If you are in danger right now, call 112.', EU_112),
      {
        id: 'it_1522',
        kind: 'domestic_abuse',
        name: '1522 Antiviolenza e Stalking',
        contacts: [phone('1522', '1522'), web('www.1522.eu')],
        description:
          'The national line against violence and stalking. Free and anonymous, day and night, from any phone, in ' +
          'Italian, English and several other languages; they can put you in touch with a centre near you.',
        open24Hours: true,
        source: checkedAt('https://www.1522.eu/cose-1522/?lang=en'),
      },
    ],
  },
  NL: {
    countryName: 'Netherlands',
    emergencyNumber: '112',
    resources: [
      emergency(
        'nl',
        '112',
        'If you are in danger right now, call 112.',
        'https://www.rijksoverheid.nl/onderwerpen/huiselijk-geweld/vraag-en-antwoord/wat-moet-ik-doen-bij-huiselijk-geweld',
      ),
      {
        id: 'nl_veilig_thuis',
        kind: 'domestic_abuse',
        name: 'Veilig Thuis',
        contacts: [phone('0800-2000', '+318002000'), web('veiligthuis.nl')],
        description:
          'Free, day and night, for anyone living with violence at home or worried about someone. You say the name of ' +
          'your town and are put through to a counsellor near you; you may stay anonymous.',
        open24Hours: true,
        source: checkedAt(
          'https://www.rijksoverheid.nl/onderwerpen/huiselijk-geweld/vraag-en-antwoord/wat-moet-ik-doen-bij-huiselijk-geweld',
        ),
      },
    ],
  },
} satisfies Record<string, CountryEntry>;
