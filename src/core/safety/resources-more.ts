import { checkedAt, emergency, phone, text, web, type CountryEntry } from './resource-types.js';

/** India, South Africa, Brazil and Mexico (docs/safety.md). */
export const MORE_COUNTRIES = {
  IN: {
    countryName: 'India',
    emergencyNumber: '112',
    resources: [
      emergency(
        'in',
        '112',
        'If you are in danger right now, call 112. It reaches the police, fire service and ambulance.',
        'https://visitnilgiris.org/en/rights/women-child-safety',
      ),
      {
        id: 'in_181',
        kind: 'domestic_abuse',
        name: 'Women Helpline 181',
        contacts: [phone('181', '181')],
        description:
          'Free, day and night, for women facing violence at home or elsewhere. A counsellor listens and can connect ' +
          'you with the police, medical care, legal help or a One Stop Centre.',
        open24Hours: true,
        source: checkedAt(
          'https://www.newindianexpress.com/nation/2020/apr/18/lockdown-over-50-helplines-set-up-across-india-to-help-women-facing-domestic-violence-2132024.html',
        ),
      },
    ],
  },
  ZA: {
    countryName: 'South Africa',
    emergencyNumber: '10111',
    resources: [
      emergency(
        'za',
        '10111',
        'If you are in danger right now, call the police on 10111, or 112 from a mobile.',
        'http://gbv.org.za/about-us',
      ),
      {
        id: 'za_gbv_command_centre',
        kind: 'domestic_abuse',
        name: 'Gender-Based Violence Command Centre',
        contacts: [phone('0800 428 428', '+27800428428'), text('SMS HELP to 31531', '31531'), web('gbv.org.za')],
        description:
          'Free, day and night. Social workers listen, counsel and can send help or refer you to a shelter or the ' +
          'police. You can also dial *120*7867# to ask them to call you back.',
        open24Hours: true,
        source: checkedAt('http://gbv.org.za/about-us'),
      },
    ],
  },
  BR: {
    countryName: 'Brazil',
    emergencyNumber: '190',
    resources: [
      emergency(
        'br',
        '190',
        'If you are in danger right now, call the police on 190.',
        'https://www.em.com.br/nacional/2025/11/7299686-violencia-contra-a-mulher-conheca-os-canais-de-denuncia-e-apoio.html',
      ),
      {
        id: 'br_ligue_180',
        kind: 'domestic_abuse',
        name: 'Ligue 180 – Central de Atendimento à Mulher',
        contacts: [phone('180', '180')],
        description:
          'Free and confidential, day and night, from any phone. Women answer, listen, explain your rights and tell you ' +
          'where to find help near you. WhatsApp: (61) 9610-0180.',
        open24Hours: true,
        source: checkedAt('https://gov.br/mdh/pt-br/assuntos/denuncie-violencia-contra-a-mulher/violencia-contra-a-mulher'),
      },
    ],
  },
  MX: {
    countryName: 'Mexico',
    emergencyNumber: '911',
    resources: [
      emergency(
        'mx',
        '911',
        'If you are in danger right now, call 911.',
        'https://mariestopes.somosnucleo.mx/esto-es-lo-que-tienes-que-saber-de-la-ley-de-acceso-a-una-vida-libre-de-violencia',
      ),
      {
        id: 'mx_linea_mujeres',
        kind: 'domestic_abuse',
        name: 'Línea de las Mujeres',
        contacts: [phone('079, then option 1', '079')],
        description:
          'The national line for women facing violence. Free, day and night: trained staff listen, give legal and ' +
          'emotional support, and help you reach other services.',
        open24Hours: true,
        source: checkedAt('https://www.jornada.com.mx/2025/11/05/sociedad/039n2soc'),
      },
    ],
  },
} satisfies Record<string, CountryEntry>;
