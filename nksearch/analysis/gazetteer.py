"""Word lists the entity recogniser (``entities``) leans on.

Titles and roles that introduce a person in Indonesian news (``Presiden``,
``Menlu``, ``Gubernur``), words of a role that are capitalised in it (``Luar
Negeri``), places it cannot learn from a cue (countries, provinces, large
cities, in their Indonesian spelling), organisations named by metonymy
(``Kremlin``, ``Istana``), words that mark a phrase as an organisation
(``Partai``, ``Kementerian``, ``Agency``), and words never part of a name
(months, weekdays, page chrome). Lower-case throughout; data only.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> frozenset[str]:
    """Phrases as ``names.key`` spells what it looks up: hyphens as spaces."""
    return frozenset(" ".join(p.replace("-", " ").split()) for p in text.split("|") if p.strip())


#: Words that introduce a person (a title or a role), alone or in a phrase.
TITLES = _words(
    "presiden wapres menteri menlu menhan menkeu mendagri menko menkes mendikbud menag"
    " pm kanselir perdana raja ratu pangeran sultan kaisar paus gubernur wagub bupati wabup"
    " walikota wali ketua wakil sekjen sekretaris direktur dirut kepala kapolri kapolda"
    " kapolres kapolsek panglima jenderal letjen mayjen brigjen laksamana marsekal kolonel"
    " kombes akbp kompol iptu ipda aiptu bripka brigadir jaksa hakim senator dubes duta"
    " juru jubir komisaris dr prof ir drs hj h kh ustaz ustadz habib pak bu bapak ibu"
    " tuan nyonya mr mrs ms sir lord ayatollah syekh syeikh pemimpin pelatih kapten"
    " ceo presdir pendiri founder diplomat pejabat anggota politikus politisi penyanyi"
    " aktor aktris pebulu tangkis pembalap pemain striker kiper gelandang bek rektor"
    " dekan camat lurah kades menpora menpan menaker mensos menparekraf menkominfo"
)
#: Capitalised words that are part of a role, not of a name (``Menteri Luar Negeri``).
ROLE_WORDS = _words(
    "luar negeri dalam pertahanan keuangan agama kesehatan pendidikan kebudayaan"
    " perdagangan perindustrian pertanian kelautan perikanan sosial hukum ham"
    " koordinator bidang politik keamanan perekonomian umum besar menteri besar"
    " republik rakyat federasi kerajaan wilayah kota kabupaten provinsi daerah"
    " dewan majelis agung tinggi utama negara bicara pelaksana tugas plt jenderal"
    " polisi polri tni angkatan darat laut udara staf istana kepresidenan kabinet"
    " energi sumber daya mineral riset teknologi transportasi perhubungan pariwisata"
    " ekonomi kreatif badan usaha milik bumn tenaga kerja lingkungan hidup kehutanan"
    " komunikasi informatika sekretaris menteri perdana wakil ketua pertama kedua"
    " senior eksekutif direktur utama operasional presiden mantan eks"
    " pertama kedua ketiga keempat kelima"
)
#: Compass words: part of a place's name (``Jawa Barat``), never a place alone.
DIRECTIONS = _words("utara selatan barat timur tengah raya pusat laut darat")
#: Lower-case words before a place (``di Moskow``, ``ke Sochi``, ``dari Baku``).
PLACE_CUES = _words("di ke dari menuju wilayah kawasan kota desa kampung pulau negara")
#: Capitalised words that start a place name (``Kota Bandung``).
PLACE_HEADS = _words(
    "kota kabupaten provinsi kecamatan desa kelurahan pulau gunung sungai danau teluk"
    " selat laut jalan jl bandara pelabuhan stasiun gedung istana lapangan stadion"
)
#: Lower-case words after which a name is a source, not a place (``dilansir dari Reuters``).
SOURCE_CUES = _words("dilansir dikutip mengutip melansir kutip lansir")
#: Lower-case words before a person (``kata Lavrov``, ``menurut Aliyev``).
SPEECH_CUES = _words(
    "kata ujar tutur ungkap jelas tegas imbuh terang sebut tambah papar ucap katanya"
    " menurut bersama oleh dengan antara"
)
#: Words that make a capitalised phrase an organisation.
ORG_WORDS = _words(
    "partai kementerian kemenlu kemenkeu badan komisi dewan majelis mahkamah pengadilan"
    " bank pt tbk universitas institut sekolah yayasan lembaga kepolisian polri polda"
    " polres kejaksaan kejagung kejati agency group grup corporation corp inc ltd company"
    " airlines airways institute council organization organisation union association"
    " asosiasi federasi persatuan perhimpunan ikatan serikat himpunan front gerakan"
    " tentara angkatan pasukan militer kantor dinas direktorat pemerintah pemprov pemkot"
    " pemkab kpu bawaslu forum fc klub club ministry department university news misi"
)
#: Organisations named by a building or a short name.
ORGS = _phrases(
    "kremlin|gedung putih|pentagon|istana|istana negara|istana merdeka|vatikan|nato|pbb"
    "|uni eropa|asean|opec|who|unesco|unicef|imf|bank dunia|dpr|mpr|dpd|dprd|kpk|tni|polri"
    "|osce|g20|g7|fifa|pssi|ioc|interpol|hamas|hizbullah|taliban|isis|bumn|pertamina|pln"
    "|garuda indonesia|bank indonesia|ojk|bpk|bpjs|muhammadiyah|nahdlatul ulama|nu|mui"
    "|bawaslu|golkar|gerindra|pdip|pdi-p|nasdem|demokrat|pks|pkb|ppp|pan|hanura|perindo|psi"
)
#: Places a cue rarely introduces: countries, provinces and large cities.
PLACES = _phrases(
    "indonesia|rusia|armenia|azerbaijan|turki|iran|irak|suriah|israel|palestina|mesir"
    "|amerika serikat|as|amerika|kanada|meksiko|brasil|argentina|inggris|prancis|perancis"
    "|jerman|italia|spanyol|belanda|belgia|swiss|swedia|norwegia|denmark|finlandia"
    "|polandia|ukraina|belarus|georgia|kazakhstan|uzbekistan|tiongkok|china|cina|jepang"
    "|korea selatan|korea utara|korsel|korut|taiwan|hong kong|india|pakistan|afganistan"
    "|afghanistan|bangladesh|nepal|sri lanka|myanmar|thailand|vietnam|kamboja|laos"
    "|malaysia|singapura|brunei|filipina|timor leste|australia|selandia baru|papua nugini"
    "|arab saudi|uni emirat arab|uea|qatar|kuwait|yordania|lebanon|libanon|yaman|oman"
    "|bahrain|libya|tunisia|aljazair|maroko|sudan|ethiopia|kenya|nigeria|afrika selatan"
    "|yunani|portugal|austria|hungaria|ceko|rumania|bulgaria|serbia|kroasia|venezuela"
    "|kolombia|chile|peru|kuba|moskow|sochi|baku|yerevan|nagorno-karabakh|karabakh"
    "|washington|new york|london|paris|berlin|beijing|tokyo|seoul|jenewa|brussels|wina"
    "|ankara|istanbul|teheran|baghdad|damaskus|kairo|yerusalem|gaza|tepi barat|kiev|kyiv"
    "|minsk|canberra|sydney|kuala lumpur|bangkok|manila|hanoi|dubai|riyadh|doha|mekkah"
    "|madinah|ri|jakarta|dki jakarta|bandung|surabaya|semarang|yogyakarta|yogya|jogja|medan"
    "|makassar|palembang|denpasar|bali|bogor|depok|tangerang|bekasi|malang|solo|surakarta"
    "|batam|pekanbaru|padang|banda aceh|aceh|manado|balikpapan|samarinda|pontianak"
    "|banjarmasin|jayapura|papua|papua barat|kupang|mataram|ambon|jambi|bengkulu|lampung"
    "|bandar lampung|serang|banten|cirebon|jawa barat|jawa tengah|jawa timur|jabar|jateng"
    "|jatim|sumatera utara|sumatera barat|sumatera selatan|sumut|sumbar|sumsel|riau"
    "|kepulauan riau|kalimantan|kalimantan barat|kalimantan timur|kalimantan selatan"
    "|kalimantan tengah|kalimantan utara|sulawesi|sulawesi selatan|sulawesi utara"
    "|sulawesi tengah|sulsel|sulut|ntt|ntb|nusa tenggara timur|nusa tenggara barat"
    "|maluku|gorontalo|jawa|sumatera|lombok|bangka belitung|kepri|diy"
)
#: People named by an acronym or a short name.
PEOPLE = _phrases("sby|jk|gus dur|ahok|jokowi|bj habibie|megawati|soekarno|soeharto")
#: Short names of people, and the full name they stand for.
PERSON_ALIASES = {
    "jokowi": "Joko Widodo",
    "sby": "Susilo Bambang Yudhoyono",
    "jk": "Jusuf Kalla",
    "ahok": "Basuki Tjahaja Purnama",
    "gus dur": "Abdurrahman Wahid",
}
#: Verbs after a name that make it a person (``Hasto mengatakan``).
REPORTING_VERBS = _words(
    "mengatakan menyatakan menegaskan mengungkapkan menjelaskan menambahkan mengaku menilai"
    " berharap meminta menyebut menyebutkan menuturkan memastikan membantah menyampaikan"
    " mengakui menolak mengklaim menduga mengingatkan menerangkan memaparkan bertanya"
    " berpendapat menganggap menuding mengkritik mengimbau melanjutkan membenarkan"
)
#: Short forms of places, and the name they stand for.
PLACE_ALIASES = {
    "as": "Amerika Serikat",
    "ri": "Indonesia",
    "korsel": "Korea Selatan",
    "korut": "Korea Utara",
    "uea": "Uni Emirat Arab",
    "jabar": "Jawa Barat",
    "jateng": "Jawa Tengah",
    "jatim": "Jawa Timur",
    "sumut": "Sumatera Utara",
    "sulsel": "Sulawesi Selatan",
    "perancis": "Prancis",
    "tiongkok": "China",
    "cina": "China",
    "kiev": "Kyiv",
}
#: Words never a name, nor part of one: months, weekdays, page chrome, pronouns.
NEVER = _words(
    "januari februari maret april mei juni juli agustus september oktober november"
    " desember jan feb mar apr jun jul agu ags sep sept okt nov des senin selasa rabu"
    " kamis jumat jum'at sabtu minggu ahad foto baca lihat simak video editor reporter"
    " penulis sumber advertisement scroll wib wita wit gmt utc internasional nasional"
    " tag tags berita terkait terpopuler rekomendasi komentar share bagikan dok ist"
    " istimewa ilustrasi antara copyright hak cipta isu saya kami kita mereka dia ia"
    " anda beliau tuhan allah swt saw rp usd ribu juta miliar triliun us pt tbk cv"
    " ktp sim stnk bpkb bbm ruu uu perppu perda nik kk apbn apbd pns asn rt rw hut"
    " wna wni phk umkm pilkada pilpres pileg ott dpo lp sd smp sma smk"
)
