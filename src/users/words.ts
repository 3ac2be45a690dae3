/** Small word lists for names, titles and queries (the reference used Faker; these only need to look plausible). */
export const FIRST_NAMES = [
  'Amina',
  'Wei',
  'Priya',
  'Thabo',
  'Siti',
  'Youssef',
  'Dewi',
  'Abebe',
  'Li',
  'Ravi',
  'Zanele',
  'Aisyah',
  'Omar',
  'Putri',
  'Hana',
  'Kofi',
];
export const LAST_NAMES = [
  'Chen',
  'Patel',
  'Nkosi',
  'Abdullah',
  'Benali',
  'Wijaya',
  'Tesfaye',
  'Wang',
  'Sharma',
  'Dlamini',
  'Rahman',
  'Alaoui',
  'Santoso',
  'Bekele',
];
export const WORDS = [
  'care',
  'health',
  'clinic',
  'dose',
  'supply',
  'oxygen',
  'blood',
  'guide',
  'training',
  'safety',
  'patient',
  'ward',
  'stock',
  'order',
  'triage',
  'vaccine',
  'course',
  'lesson',
  'review',
  'update',
];
export const PROFESSIONS = ['nurse', 'pharmacist', 'doctor', 'midwife', 'technician', 'administrator'];
export const EDUCATION = ['secondary', 'diploma', 'bachelor', 'master', 'doctorate'];
export const DRUG_NAMES = [
  'amoxicillin',
  'paracetamol',
  'ibuprofen',
  'metformin',
  'insulin',
  'artemether',
  'oral rehydration salts',
  'zinc',
];
export const EQUIPMENT = [
  'stethoscope',
  'thermometer',
  'oximeter',
  'glucometer',
  'nebulizer',
  'syringe pack',
  'gloves',
];
export const BLOOD_GROUPS = ['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-'];

/** The reference's countries, each with a fixed zone, region and city. */
export const COUNTRIES = [
  { country: 'CN', timezone: 'Asia/Shanghai', region: 'Shanghai', city: 'Shanghai', language: 'zh' },
  { country: 'IN', timezone: 'Asia/Kolkata', region: 'Maharashtra', city: 'Mumbai', language: 'hi' },
  { country: 'ZA', timezone: 'Africa/Johannesburg', region: 'Gauteng', city: 'Johannesburg', language: 'en' },
  { country: 'MY', timezone: 'Asia/Kuala_Lumpur', region: 'Selangor', city: 'Kuala Lumpur', language: 'ms' },
  {
    country: 'MA',
    timezone: 'Africa/Casablanca',
    region: 'Casablanca-Settat',
    city: 'Casablanca',
    language: 'ar',
  },
  { country: 'ID', timezone: 'Asia/Jakarta', region: 'Jakarta', city: 'Jakarta', language: 'id' },
  {
    country: 'ET',
    timezone: 'Africa/Addis_Ababa',
    region: 'Addis Ababa',
    city: 'Addis Ababa',
    language: 'am',
  },
] as const;
