"""Demo content of the guide, written for this site from the facts of shared/domain/BRIEF.md.

One data structure describes both editions: each unit carries the text of the 2026 edition, and
`was=` gives the 2025 wording when it changed; `only=` keeps a unit (or section) in one edition.
The keys become the stable paragraph identifiers (`#p-<key>`), shared by the two editions.

Article numbers of the Code de la commande publique come from the editors' own legal knowledge
(the source texts predate the code): every legal basis is marked « à vérifier par le juriste ».
"""

# ----------------------------------------------------------------------------- legal bases

LEGAL_BASES = [
    {
        "slug": "condition-execution",
        "title": "Condition d'exécution à caractère social",
        "mechanism": "condition_execution",
        "current_articles": "Art. L. 2112-2 à L. 2112-4 du code de la commande publique",
        "former_articles": "Ordonnance n° 2015-899 du 23 juillet 2015, art. 38\nCode des marchés publics 2006, art. 14",
        "official_url": "https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000037701019/LEGISCTA000037730603/",
        "summary": "L'acheteur impose au titulaire de réserver une part des heures de travail du marché à des personnes éloignées de l'emploi. La condition doit être liée à l'objet du marché et ne pas être discriminatoire ; le titulaire choisit librement comment il la remplit.",
    },
    {
        "slug": "critere-attribution",
        "title": "Critère d'attribution relatif à l'insertion professionnelle",
        "mechanism": "critere_attribution",
        "current_articles": "Art. L. 2152-7 et R. 2152-7 du code de la commande publique",
        "former_articles": "Ordonnance n° 2015-899, art. 52\nDécret n° 2016-360 du 25 mars 2016, art. 62\nCode des marchés publics 2006, art. 53",
        "official_url": "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000037703615",
        "summary": "Les performances en matière d'insertion professionnelle des publics en difficulté peuvent figurer parmi les critères de choix de l'offre, en complément d'une condition d'exécution.",
    },
    {
        "slug": "marche-reserve-siae",
        "title": "Marché ou lot réservé aux structures d'insertion par l'activité économique",
        "mechanism": "reserve_siae",
        "current_articles": "Art. L. 2113-13 et L. 2113-14 du code de la commande publique",
        "former_articles": "Ordonnance n° 2015-899, art. 36-II et 36-III",
        "official_url": "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000037703891",
        "summary": "Un marché ou un lot peut être réservé aux SIAE et aux structures équivalentes qui emploient une part minimale de travailleurs défavorisés. Un même marché ne peut pas être réservé à la fois à ces structures et au secteur du handicap.",
    },
    {
        "slug": "marche-reserve-handicap",
        "title": "Marché ou lot réservé aux entreprises adaptées et aux ESAT",
        "mechanism": "reserve_handicap",
        "current_articles": "Art. L. 2113-12 du code de la commande publique",
        "former_articles": "Ordonnance n° 2015-899, art. 36-I\nCode des marchés publics 2006, art. 15",
        "official_url": "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000037703887",
        "summary": "Un marché ou un lot peut être réservé aux entreprises adaptées, aux établissements et services d'aide par le travail et aux structures équivalentes employant une part minimale de travailleurs handicapés.",
    },
    {
        "slug": "marche-insertion",
        "title": "Marché d'insertion et de qualification professionnelle",
        "mechanism": "marche_insertion",
        "current_articles": "Art. R. 2123-1 (3°) du code de la commande publique (services sociaux et autres services spécifiques)",
        "former_articles": "Ordonnance n° 2015-899, art. 28 (selon l'instruction du 11 avril 2019)\nCode des marchés publics 2006, art. 30",
        "official_url": "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000037723499",
        "summary": "L'objet même du marché est l'insertion : l'acheteur achète une prestation d'accompagnement et de qualification, le plus souvent en procédure adaptée. La correspondance avec les anciens articles demande une relecture juridique.",
    },
    {
        "slug": "concession-clause-sociale",
        "title": "Clause sociale dans un contrat de concession",
        "mechanism": "concession",
        "current_articles": "Art. L. 3114-2 et L. 3124-5 du code de la commande publique",
        "former_articles": "Ordonnance n° 2016-65 du 29 janvier 2016, art. 33 et 47",
        "official_url": "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000037704519",
        "summary": "Les concessions peuvent comporter des conditions d'exécution et des critères d'attribution à caractère social ; leur durée en fait un bon support de parcours d'insertion.",
    },
    {
        "slug": "marche-reserve-ess",
        "title": "Marché réservé aux entreprises de l'économie sociale et solidaire (services de santé, sociaux et culturels)",
        "mechanism": "autre",
        "current_articles": "Art. L. 2113-15 du code de la commande publique",
        "former_articles": "Ordonnance n° 2015-899, art. 37",
        "official_url": "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000037703897",
        "summary": "Réservation limitée à certains services listés, pour trois ans au plus, et fermée à l'entreprise qui a déjà obtenu un tel marché du même acheteur dans les trois années précédentes.",
    },
    {
        "slug": "definition-besoins",
        "title": "Prise en compte du développement durable dans la définition des besoins",
        "mechanism": "autre",
        "current_articles": "Art. L. 2111-1 du code de la commande publique",
        "former_articles": "Ordonnance n° 2015-899, art. 30\nCode des marchés publics 2006, art. 5",
        "official_url": "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000037703759",
        "summary": "L'acheteur définit ses besoins en tenant compte d'objectifs de développement durable, y compris sociaux : une obligation d'examen, pas de résultat.",
    },
    {
        "slug": "sourcage",
        "title": "Échanges préalables avec les opérateurs économiques (sourçage)",
        "mechanism": "autre",
        "current_articles": "Art. R. 2111-1 du code de la commande publique",
        "former_articles": "Décret n° 2016-360, art. 4",
        "official_url": "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000037723466",
        "summary": "Études et échanges avec les opérateurs avant la consultation, qui permettent de préparer la clause avec les structures d'insertion et le facilitateur.",
    },
    {
        "slug": "allotissement",
        "title": "Allotissement",
        "mechanism": "autre",
        "current_articles": "Art. L. 2113-10 et L. 2113-11 du code de la commande publique",
        "former_articles": "Ordonnance n° 2015-899, art. 32",
        "official_url": "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000037703879",
        "summary": "Les marchés sont passés en lots séparés, sauf exception : des lots à la mesure des structures d'insertion et du secteur du handicap leur ouvrent la commande publique.",
    },
    {
        "slug": "spaser",
        "title": "Schéma de promotion des achats socialement et écologiquement responsables (SPASER)",
        "mechanism": "autre",
        "current_articles": "Art. L. 2111-3 du code de la commande publique",
        "former_articles": "Loi n° 2014-856 du 31 juillet 2014, art. 13-I\nDécret n° 2015-90 du 28 janvier 2015 (seuil de 100 M€ HT d'achats par an)",
        "official_url": "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000037703771",
        "summary": "Les acheteurs dont les achats dépassent le seuil fixé par décret adoptent et publient un schéma d'achats responsables, avec des objectifs et un suivi annuel.",
    },
]


# ----------------------------------------------------------------------------- units


def P(key, text, bases=(), was=None, only=None):  # upper case: reads like the content it builds
    return {
        "kind": "paragraph",
        "key": key,
        "text": text,
        "bases": list(bases),
        "was": was,
        "only": only,
    }


def EX(key, title, text, was=None, only=None):
    return {"kind": "example", "key": key, "title": title, "text": text, "was": was, "only": only}


def W(key, title, text, was=None, only=None):
    return {"kind": "warning", "key": key, "title": title, "text": text, "was": was, "only": only}


def REF(key, basis, text, was=None, only=None):
    return {
        "kind": "legal_reference",
        "key": key,
        "basis": basis,
        "text": text,
        "was": was,
        "only": only,
    }


def H(text, only=None):
    return {"kind": "heading", "text": text, "only": only}


def CLAUSE(title, slug, text="", only=None):
    return {
        "kind": "clause_link",
        "title": title,
        "url": f"/clauses/{slug}/",
        "text": text,
        "only": only,
    }


def LABOUR(title, anchor, text="", only=None):
    return {
        "kind": "labour_share_link",
        "title": title,
        "url": f"/main-d-oeuvre/#{anchor}",
        "text": text,
        "only": only,
    }


def TABLE(caption, header, rows, only=None):
    return {"kind": "table", "caption": caption, "header": header, "rows": rows, "only": only}


EDITIONS = {
    2025: {
        "title": "Guide des clauses sociales — édition 2025",
        "in_force_from": "2025-01-01",
        "validated_by": "Comité éditorial du centre de ressources (démonstration)",
        "summary": "<p>Première édition en ligne du guide : elle reprend la doctrine connue des acheteurs et la présente par étape de l'achat.</p>",
        "change_note": "Mise en ligne de la première édition annuelle du guide.",
    },
    2026: {
        "title": "Guide des clauses sociales — édition 2026",
        "in_force_from": "2026-01-01",
        "validated_by": "Comité éditorial du centre de ressources (démonstration)",
        "summary": (
            "<p>Les principales évolutions par rapport à l'édition 2025 :</p><ul>"
            "<li>la durée minimale conseillée des contrats de travail est précisée (huit semaines, environ 300 heures) ;</li>"
            "<li>la mutualisation des heures entre plusieurs marchés est encadrée : elle doit être écrite dans chaque marché ;</li>"
            "<li>une nouvelle section traite des difficultés économiques de l'entreprise en cours d'exécution ;</li>"
            "<li>le document de suivi des compétences acquises et le référent de parcours entrent dans le chapitre sur l'exécution ;</li>"
            "<li>le paragraphe transitoire sur les anciennes références de l'ordonnance de 2015 est retiré.</li></ul>"
        ),
        "change_note": "Édition 2026 : contrats d'au moins huit semaines, mutualisation encadrée, difficultés économiques, suivi des compétences.",
    },
}

CHAPTERS = [
    {
        "slug": "comprendre",
        "notes": {
            2026: (
                "mineure",
                "Retrait du paragraphe transitoire sur les références de l'ordonnance de 2015.",
            )
        },
        "title": "Comprendre la clause sociale d'insertion",
        "intro": "Ce qu'est une clause sociale, d'où elle vient et ce qu'elle produit.",
        "stages": ["definir-le-besoin"],
        "units": [
            P(
                "definition",
                "Une clause sociale d'insertion réserve une partie du travail généré par un achat public à des personnes qui rencontrent des difficultés pour accéder à l'emploi. Elle transforme une dépense que l'acheteur engage de toute façon en occasion de parcours professionnel.",
            ),
            P(
                "cout-nul",
                "La clause n'augmente pas le prix payé par l'acheteur : les heures d'insertion sont des heures de travail que le marché exige déjà, confiées à des personnes qui en ont besoin pour revenir vers l'emploi.",
            ),
            P(
                "origine",
                "Les premières clauses sont apparues dans les marchés de travaux au milieu des années 1990, sur la base de circulaires de 1993 et 1995. Le code des marchés publics leur a donné une base explicite en 2001, avec la condition d'exécution à caractère social.",
            ),
            P(
                "volumes",
                "Le volume d'heures d'insertion a fortement progressé : environ 3 millions d'heures en 2011, plus de 13 millions en 2017 selon la consolidation nationale d'Alliance Villes Emploi.",
            ),
            P(
                "beneficiaires",
                "En 2017, plus de 34 000 personnes ont travaillé grâce à une clause sociale. Les femmes restent peu nombreuses : 16 % des personnes recrutées et 14 % des heures réalisées.",
            ),
            P(
                "devenir",
                "Six à dix-huit mois après leur passage par une clause, environ un tiers des bénéficiaires occupent un emploi ordinaire (contrat à durée indéterminée ou déterminée, intérim).",
            ),
            W(
                "prudence-chiffres",
                "Des chiffres à dater",
                "Chaque chiffre cité dans ce guide porte son année et sa source. Les données nationales les plus récentes dont dispose le centre datent de 2017 : utilisez-les comme ordres de grandeur.",
            ),
            P(
                "recommandations-igas",
                "L'Inspection générale des affaires sociales a recommandé en 2016 un centre de ressources national, un guide mis à jour chaque année et un référentiel national de la part de main-d'œuvre : ce guide en est l'une des réponses.",
            ),
            P(
                "instruction-2019",
                "L'instruction interministérielle du 11 avril 2019 organise l'action régionale : revue des marchés à venir, référent de parcours pour chaque bénéficiaire, cartographie des facilitateurs et examen de leur financement.",
            ),
            P(
                "guide-annuel",
                "Chaque édition du guide reste en ligne. Les paragraphes portent un identifiant stable : un lien copié dans une pièce de marché continue de désigner le même passage d'une édition à l'autre.",
            ),
            P(
                "transition-ordonnance",
                "Les anciennes références à l'ordonnance du 23 juillet 2015 et au décret du 25 mars 2016 figurent encore dans de nombreux modèles de pièces : elles correspondent désormais à des articles du code de la commande publique, indiqués dans la page des bases juridiques.",
                only=2025,
            ),
        ],
    },
    {
        "slug": "marches-concernes",
        "notes": {
            2026: (
                "majeure",
                "Durée conseillée des contrats de travail : au moins huit semaines, soit environ 300 heures.",
            )
        },
        "title": "Les marchés qui peuvent porter une clause",
        "intro": "Travaux, services et fournitures : où se trouve le potentiel d'heures et comment l'élargir.",
        "stages": ["definir-le-besoin"],
        "units": [
            P(
                "tous-marches",
                "Tout marché dont l'exécution mobilise de la main-d'œuvre peut porter une clause : travaux, services et, plus rarement, fournitures avec une part de prestations.",
                ["definition-besoins"],
            ),
            P(
                "part-main-oeuvre",
                "Le potentiel dépend de la part de main-d'œuvre du marché. Pour une estimation nationale, l'IGAS a retenu 40 % pour les travaux, 60 % pour les services et 10 % pour les fournitures.",
            ),
            LABOUR(
                "Parts de main-d'œuvre par type de travaux",
                "travaux",
                "Consultez le référentiel pour estimer la part de main-d'œuvre de votre marché.",
            ),
            P(
                "travaux-dominants",
                "Les travaux concentrent encore l'essentiel des heures : 63 % en 2014, 54 % en 2017. La part des services progresse, de 23 % en 2012 à 37 % en 2014.",
            ),
            P(
                "secteurs-services",
                "Nettoyage, espaces verts, gestion des déchets, petit entretien, reprographie et restauration sont des segments de services où la main-d'œuvre pèse lourd et où les structures d'insertion sont présentes.",
            ),
            P(
                "diversifier",
                "Élargir les secteurs permet d'atteindre d'autres publics : les femmes, les personnes handicapées, les jeunes diplômés et les seniors, aujourd'hui peu présents dans les marchés de travaux.",
            ),
            W(
                "discernement",
                "Secteurs en difficulté",
                "Dans un secteur qui licencie, ou lorsque le personnel en place est repris d'un titulaire à l'autre, une clause peut mettre des publics en concurrence. Examinez la situation avec le facilitateur avant de fixer l'objectif.",
            ),
            P(
                "duree-contrats",
                "Privilégiez les marchés et les organisations de travail qui permettent des contrats d'au moins huit semaines, soit environ 300 heures : en dessous, le passage en emploi construit rarement un parcours.",
                was="Privilégiez, lorsque c'est possible, des contrats de travail d'une durée suffisante pour que le bénéficiaire acquière une expérience utile.",
            ),
            P(
                "objectif-national",
                "Le plan national d'action pour les achats publics durables fixait pour 2020 un objectif de 25 % des marchés comportant au moins une disposition sociale. Sur 2014-2016, environ 10 % des marchés de plus de 90 000 euros HT en comportaient une.",
            ),
            P(
                "petits-marches",
                "Les marchés de faible montant restent utiles : ils sont souvent à la portée directe des structures d'insertion et des entreprises adaptées, notamment par l'allotissement.",
                ["allotissement"],
            ),
            P(
                "concessions-longues",
                "Les contrats longs, concessions et marchés de partenariat, sont de bons supports : leur durée permet d'organiser de vrais parcours.",
                ["concession-clause-sociale"],
            ),
        ],
    },
    {
        "slug": "publics",
        "notes": {2026: ("mineure", "Durée d'éligibilité : elle doit être prévue dans le CCAP.")},
        "title": "Les publics bénéficiaires",
        "intro": "Qui peut occuper les heures d'insertion, et comment l'éligibilité est vérifiée.",
        "stages": ["definir-le-besoin", "rediger"],
        "units": [
            P(
                "publics-prioritaires",
                "La clause vise les personnes les plus éloignées de l'emploi : demandeurs d'emploi de longue durée, allocataires de minima sociaux, jeunes peu qualifiés, travailleurs handicapés, demandeurs d'emploi de plus de 50 ans, personnes suivies par une structure d'insertion.",
            ),
            P(
                "refugies",
                "Les personnes réfugiées et bénéficiaires de la protection subsidiaire doivent pouvoir accéder aux heures d'insertion au même titre que les autres publics prioritaires.",
            ),
            P(
                "qpv",
                "Dans les opérations de renouvellement urbain, la charte nationale d'insertion de l'ANRU réserve les heures aux habitants des quartiers prioritaires de la politique de la ville.",
            ),
            P(
                "liste-indicative",
                "La liste des publics inscrite dans le marché est indicative : le facilitateur ou le service public de l'emploi valide l'éligibilité de chaque personne avant son embauche.",
            ),
            P(
                "profil-2014",
                "En 2014, 42 % des bénéficiaires étaient demandeurs d'emploi de longue durée, 33 % avaient moins de 26 ans et 25 % percevaient le RSA ; 87 % avaient un niveau de qualification égal ou inférieur au CAP.",
            ),
            P(
                "apprentis",
                "Un apprenti ou un salarié en contrat de professionnalisation compte dans les heures s'il appartient à l'un des publics visés. Une personne embauchée avant l'attribution du marché ne compte pas, sauf exception examinée au cas par cas.",
            ),
            P(
                "heures-formation",
                "Les heures de formation prévues dans un contrat d'apprentissage, de professionnalisation ou un contrat à durée déterminée d'insertion peuvent être comptées comme heures d'insertion.",
            ),
            P(
                "duree-eligibilite",
                "Le marché peut fixer une durée d'éligibilité des bénéficiaires, par exemple 24 mois à compter de la première embauche, si le cahier des clauses administratives particulières le prévoit expressément.",
                was="Une durée d'éligibilité de 24 mois à compter de la première embauche est souvent appliquée par les facilitateurs.",
            ),
            P(
                "handicap-4",
                "Les travailleurs handicapés ne représentent qu'environ 4 % des bénéficiaires, alors que leur taux de chômage, 18 %, est le double de la moyenne nationale.",
            ),
            W(
                "pas-de-discrimination",
                "Pas de critère d'origine locale",
                "Hors charte de l'ANRU, réserver les heures aux seuls habitants d'une commune serait discriminatoire : définissez des publics, pas des domiciles.",
            ),
        ],
    },
    {
        "slug": "leviers-juridiques",
        "title": "Choisir le levier juridique",
        "intro": "Six leviers, qui se combinent : le choix dépend de l'objet du marché et des acteurs présents sur le territoire.",
        "stages": ["choisir-le-levier-juridique"],
        "units": [
            P(
                "definir-besoin-dd",
                "Dès la définition du besoin, l'acheteur doit examiner la possibilité d'objectifs sociaux. C'est une obligation de prise en compte, pas une obligation de résultat.",
                ["definition-besoins"],
            ),
            P(
                "combiner",
                "Les leviers ne s'excluent pas : une condition d'exécution peut être assortie d'un critère d'attribution, et un marché alloti peut comporter un lot réservé.",
            ),
            TABLE(
                "Les leviers et leur usage",
                ["Levier", "Ce qu'il permet", "Part des usages connue"],
                [
                    [
                        "Condition d'exécution",
                        "Exiger un nombre d'heures d'insertion",
                        "78 % des heures (2014)",
                    ],
                    [
                        "Condition et critère combinés",
                        "Récompenser la qualité ou des heures en plus",
                        "10 % des heures (2014)",
                    ],
                    [
                        "Marché d'insertion",
                        "Acheter l'accompagnement lui-même",
                        "10 % des heures (2014)",
                    ],
                    [
                        "Marché réservé EA et ESAT",
                        "Confier le marché au secteur du handicap",
                        "0,5 % (2017)",
                    ],
                ],
            ),
            P(
                "sourcage-avant",
                "Avant la consultation, les échanges avec les structures d'insertion, les entreprises adaptées et le facilitateur permettent de calibrer la clause et les lots.",
                ["sourcage"],
            ),
            P(
                "allotir",
                "L'allotissement est la règle : découpez les lots pour qu'ils soient à la mesure des structures d'insertion et des entreprises adaptées. Plus de quatre entreprises d'insertion sur dix demandent cet effort aux acheteurs.",
                ["allotissement"],
            ),
        ],
        "sections": [
            {
                "slug": "condition-execution",
                "title": "La condition d'exécution",
                "intro": "Le levier le plus utilisé : un nombre minimal d'heures d'insertion exigé du titulaire.",
                "units": [
                    REF(
                        "ref-condition",
                        "condition-execution",
                        "La base juridique de la clause d'heures d'insertion.",
                    ),
                    P(
                        "condition-principe",
                        "L'acheteur impose au titulaire de réserver une part des heures de travail du marché à des personnes en insertion. Plus de trois marchés à clause sur quatre reposent sur ce seul levier.",
                        ["condition-execution"],
                    ),
                    P(
                        "condition-limites",
                        "La condition doit être liée à l'objet du marché, ne pas être discriminatoire et ne pas restreindre la concurrence.",
                        ["condition-execution"],
                    ),
                    W(
                        "liberte-moyens",
                        "L'entreprise choisit ses moyens",
                        "Avec une condition d'exécution, l'acheteur ne peut ni imposer le recours à une structure d'insertion, ni un type de contrat de travail, ni choisir l'entreprise sur sa méthode d'insertion.",
                    ),
                    P(
                        "modalites",
                        "Le titulaire peut embaucher directement, recourir à l'intérim d'insertion, à une association intermédiaire, à un groupement d'employeurs pour l'insertion et la qualification, ou sous-traiter à une entreprise d'insertion.",
                    ),
                    CLAUSE(
                        "Clause type : condition d'exécution en heures d'insertion",
                        "condition-execution-heures",
                        "Le texte à insérer dans le CCAP, à compléter avec vos chiffres.",
                    ),
                ],
            },
            {
                "slug": "critere-attribution",
                "title": "Le critère d'attribution",
                "intro": "Aller au-delà du minimum : récompenser la qualité de l'accompagnement ou des heures supplémentaires.",
                "units": [
                    REF(
                        "ref-critere",
                        "critere-attribution",
                        "Les performances en matière d'insertion professionnelle peuvent être un critère de choix.",
                    ),
                    P(
                        "critere-combine",
                        "Combiné à une condition d'exécution, le critère permet de noter la qualité de l'accompagnement proposé ou de récompenser un nombre d'heures supérieur au minimum.",
                        ["critere-attribution", "condition-execution"],
                    ),
                    P(
                        "critere-seul",
                        "Un critère qui ne se traduit par aucun engagement contractuel ne garantit rien pendant l'exécution : il n'est d'ailleurs pas compté comme clause sociale dans les recensements.",
                        ["critere-attribution"],
                    ),
                    CLAUSE(
                        "Clause type : critère d'attribution insertion",
                        "critere-attribution-insertion",
                    ),
                ],
            },
            {
                "slug": "marches-reserves",
                "title": "Marchés réservés et marchés d'insertion",
                "intro": "Confier directement le marché à une structure d'insertion ou du secteur du handicap, ou acheter l'insertion elle-même.",
                "units": [
                    REF(
                        "ref-reserve-siae",
                        "marche-reserve-siae",
                        "Réservation aux structures d'insertion par l'activité économique.",
                    ),
                    P(
                        "reserve-siae",
                        "Un marché ou un lot peut être réservé aux structures d'insertion par l'activité économique : elles deviennent titulaires et développent leurs ressources propres.",
                        ["marche-reserve-siae"],
                    ),
                    REF(
                        "ref-reserve-handicap",
                        "marche-reserve-handicap",
                        "Réservation aux entreprises adaptées et aux ESAT.",
                    ),
                    P(
                        "reserve-handicap",
                        "La réservation aux entreprises adaptées et aux ESAT reste rare, environ 0,5 % des usages en 2017. Elle ne doit pas être la seule porte d'accès des personnes handicapées aux marchés publics.",
                        ["marche-reserve-handicap"],
                    ),
                    W(
                        "pas-double-reservation",
                        "Une seule réservation par lot",
                        "Un même marché ou lot ne peut pas être réservé à la fois aux structures d'insertion et au secteur du handicap.",
                    ),
                    P(
                        "marche-insertion",
                        "Dans un marché d'insertion, l'acheteur achète la prestation d'accompagnement et de qualification elle-même. Un peu plus d'un marché à clause sur dix relève de ce levier.",
                        ["marche-insertion"],
                    ),
                    P(
                        "reserve-ess",
                        "Certains services de santé, sociaux et culturels peuvent être réservés aux entreprises de l'économie sociale et solidaire, pour trois ans au plus.",
                        ["marche-reserve-ess"],
                    ),
                    P(
                        "concessions",
                        "Les contrats de concession peuvent eux aussi comporter une condition d'exécution ou un critère à caractère social.",
                        ["concession-clause-sociale"],
                    ),
                ],
            },
        ],
    },
    {
        "slug": "calcul-heures",
        "title": "Calculer le nombre d'heures d'insertion",
        "intro": "Une méthode simple, à ajuster avec le facilitateur selon le marché.",
        "stages": ["definir-le-besoin", "rediger"],
        "units": [
            P(
                "formule",
                "Le nombre d'heures d'insertion s'obtient en multipliant le montant estimé du marché hors taxes par la part de main-d'œuvre, en divisant par le coût horaire de la main-d'œuvre, puis en appliquant le taux d'insertion.",
            ),
            EX(
                "exemple-800",
                "Un marché de travaux de 1,2 million d'euros",
                "Montant estimé : 1 200 000 € HT. Part de main-d'œuvre : 40 %, soit 480 000 €. Coût horaire : 30 €, soit 16 000 heures de travail. Taux d'insertion : 5 %, soit <b>800 heures d'insertion</b>.",
            ),
            P(
                "part-estimee",
                "La part de main-d'œuvre est estimée par type de travaux ou de services, à partir de références partagées avec le facilitateur et les fédérations professionnelles.",
            ),
            LABOUR("Référentiel de la part de main-d'œuvre", "referentiel"),
            P(
                "cout-horaire",
                "Le coût horaire retenu doit correspondre au secteur : 30 euros de l'heure est une valeur d'exemple, pas une norme.",
            ),
            P(
                "taux-5",
                "Un taux d'insertion de 5 % des heures de main-d'œuvre est souvent retenu. Il peut être plus élevé lorsque le marché s'y prête et que des structures d'insertion sont présentes.",
            ),
            P(
                "etp",
                "Pour convertir des heures en emplois, comptez environ 1 607 heures pour un équivalent temps plein annuel.",
            ),
            P(
                "fiche-caracterisation",
                "Une fiche de caractérisation du marché, remplie avec le facilitateur avant la rédaction, aide à calibrer le nombre d'heures demandé.",
            ),
            P(
                "anru-taux",
                "Dans les opérations de renouvellement urbain, la charte de l'ANRU demande au moins 5 % des heures travaillées des opérations d'investissement et 10 % des heures de gestion urbaine de proximité.",
            ),
            W(
                "faire-du-chiffre",
                "Le nombre d'heures ne suffit pas",
                "La méthode ne dit rien de la qualité des parcours. Complétez l'objectif en heures par des attentes sur la durée des contrats, le tutorat et la formation.",
            ),
        ],
    },
    {
        "slug": "redaction",
        "title": "Rédiger la clause",
        "intro": "Ce que doivent dire le règlement de la consultation et le cahier des clauses administratives particulières.",
        "stages": ["rediger"],
        "units": [
            P(
                "contenu-ccap",
                "Le CCAP précise le nombre d'heures par lot, les publics visés, les modes de réalisation admis, le rôle du facilitateur et le contact de l'acheteur, la conduite à tenir en cas de difficulté, le contrôle et les pénalités.",
            ),
            P(
                "annonce-rc",
                "Annoncez la clause dès l'avis et le règlement de la consultation, pour que les entreprises l'intègrent dans leur offre et leur prix.",
            ),
            P(
                "memoire-insertion",
                "Demandez aux candidats un mémoire d'insertion : comment ils recruteront, accompagneront, formeront et rendront compte. Celui du titulaire peut être partagé avec les acteurs de l'insertion.",
                ["critere-attribution"],
            ),
            P(
                "facilitateur-nomme",
                "Indiquez le nom et les coordonnées du facilitateur qui accompagnera le titulaire : c'est lui qui valide l'éligibilité des candidats et propose des profils.",
            ),
            P(
                "penalites",
                "Prévoyez une pénalité proportionnée par heure non réalisée, et la manière dont elle est constatée.",
            ),
            CLAUSE(
                "Clause type : annonce dans le règlement de la consultation",
                "annonce-reglement-consultation",
            ),
            P(
                "tutorat-formation",
                "Exprimez vos attentes qualitatives : tutorat dans l'entreprise, formation, contrats d'au moins huit semaines, compte rendu régulier.",
            ),
        ],
        "sections": [
            {
                "slug": "mutualisation",
                "notes": {
                    2026: (
                        "majeure",
                        "Mutualisation des heures : accord des acheteurs et mention dans chaque marché.",
                    )
                },
                "title": "Mutualiser les heures de plusieurs marchés",
                "intro": "Regrouper les heures dues au titre de plusieurs marchés d'une même entreprise pour offrir des parcours plus longs.",
                "units": [
                    P(
                        "mutualisation-principe",
                        "Une entreprise titulaire de plusieurs marchés à clause peut regrouper les heures dues pour offrir à une même personne un parcours plus long, avec l'accord des acheteurs concernés.",
                        ["condition-execution"],
                        was="Une entreprise titulaire de plusieurs marchés à clause peut regrouper les heures dues pour offrir à une même personne un parcours plus long.",
                    ),
                    P(
                        "mutualisation-ecrite",
                        "La mutualisation doit être prévue dans les pièces de chaque marché, et l'entreprise reste tenue de l'obligation de chacun d'eux.",
                        ["condition-execution"],
                        was="La mutualisation est une pratique admise par les facilitateurs ; elle gagne à être mentionnée dans le marché.",
                    ),
                    EX(
                        "mutualisation-npdc",
                        "Dans le Nord-Pas-de-Calais",
                        "En 2015, 15 % des heures réalisées dans la région l'ont été au titre de la mutualisation, suivie bassin par bassin par les facilitateurs.",
                    ),
                    CLAUSE("Clause type : mutualisation des heures", "mutualisation-heures"),
                ],
            },
            {
                "slug": "difficultes-economiques",
                "notes": {
                    2026: (
                        "majeure",
                        "Nouvelle section : adapter les heures dues en cas de difficultés économiques.",
                    )
                },
                "title": "Les difficultés économiques de l'entreprise",
                "intro": "Adapter l'objectif lorsque l'entreprise recourt à l'activité partielle ou licencie pour motif économique.",
                "only": 2026,
                "units": [
                    P(
                        "difficultes-principe",
                        "Le marché peut prévoir qu'en cas d'activité partielle ou de licenciement économique, le nombre d'heures dues est réduit à proportion de la période concernée.",
                    ),
                    EX(
                        "difficultes-prorata",
                        "Un marché de douze mois",
                        "Un marché de 12 mois exige 1 000 heures. L'entreprise est en difficulté pendant 6 mois : l'obligation est ramenée à 500 heures.",
                    ),
                    W(
                        "difficultes-ecrit",
                        "À prévoir dès la rédaction",
                        "Cette adaptation n'est possible que si le CCAP la prévoit : sans elle, l'obligation reste entière.",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "analyse-offres",
        "title": "Analyser les offres",
        "intro": "Noter le volet social sans discriminer, vérifier que les engagements sont réalistes.",
        "stages": ["analyser-les-offres"],
        "units": [
            P(
                "analyse-condition",
                "Lorsque la clause est seulement une condition d'exécution, chaque candidat s'engage à la respecter : elle ne sert pas à départager les offres.",
                ["condition-execution"],
            ),
            P(
                "analyse-critere",
                "Avec un critère d'attribution, notez le mémoire d'insertion selon une grille annoncée : qualité de l'accompagnement, tutorat, formation, heures au-delà du minimum.",
                ["critere-attribution"],
            ),
            EX(
                "ponderation-70",
                "Un marché d'insertion noté surtout sur la qualité",
                "Dans le Pas-de-Calais, un acheteur a pondéré le mémoire d'insertion à 70 % et le prix à 30 % pour des marchés dont l'objet est l'insertion.",
                was=None,
            ),
            P(
                "offre-anormale",
                "Une offre qui ignore le coût de l'accompagnement peut être anormalement basse : demandez des précisions avant de l'écarter.",
            ),
            P(
                "verifier-engagement",
                "Vérifiez que le candidat a identifié les partenaires locaux de l'insertion et le facilitateur : c'est le meilleur indice d'une clause qui sera exécutée.",
            ),
            W(
                "pas-de-preference",
                "Pas de préférence de statut",
                "Ne donnez pas de points à une entreprise parce qu'elle est une structure d'insertion : seul un marché réservé le permet.",
            ),
            P(
                "informer-candidats",
                "Informez les candidats non retenus de la note obtenue sur le volet social : ils amélioreront leurs prochaines offres.",
            ),
        ],
    },
    {
        "slug": "suivi-execution",
        "notes": {
            2026: ("majeure", "Référent de parcours et document de suivi des compétences acquises.")
        },
        "title": "Suivre l'exécution",
        "intro": "Accompagner le titulaire, contrôler les heures, tirer les conséquences d'un manquement.",
        "stages": ["suivre-l-execution"],
        "units": [
            P(
                "reunion-demarrage",
                "Organisez une réunion de démarrage avec le titulaire et le facilitateur : publics, calendrier des recrutements, modes de réalisation, documents de suivi.",
            ),
            P(
                "role-facilitateur",
                "Le facilitateur propose des candidats, vérifie leur éligibilité, suit les heures réalisées et alerte l'acheteur en cas de retard. Son service est gratuit pour l'acheteur et l'entreprise.",
            ),
            P(
                "referent-parcours",
                "Chaque bénéficiaire est suivi par un référent de parcours, désigné par Pôle emploi, Cap emploi, la mission locale, le PLIE ou la structure d'insertion, et par un tuteur dans l'entreprise.",
                only=2026,
            ),
            P(
                "document-suivi",
                "Un document de suivi des compétences acquises est rempli au début et à la fin du contrat par le bénéficiaire, l'entreprise et le référent ; le service public de l'emploi en reçoit une copie.",
                only=2026,
            ),
            P(
                "controle-acheteur",
                "Le contrôle appartient à l'acheteur, même lorsqu'il le confie au facilitateur : demandez les justificatifs des heures (contrats, relevés, attestations).",
            ),
            P(
                "sanctions",
                "Les pénalités prévues sont rarement appliquées. Lorsqu'un manquement est établi et non justifié, appliquez-les : la crédibilité des clauses suivantes en dépend.",
            ),
            P(
                "acheteur-responsable",
                "L'acheteur reste dans tous les cas responsable de l'exécution de la clause, quels que soient les outils et les partenaires mobilisés.",
            ),
            P(
                "difficultes-execution",
                "Si l'entreprise rencontre des difficultés de recrutement, cherchez avec elle et le facilitateur une solution avant d'appliquer les pénalités : autre mode de réalisation, report, mutualisation prévue au marché.",
            ),
            EX(
                "nord-systematique",
                "Le département du Nord",
                "Le département a d'abord appliqué la clause à l'entretien de ses bâtiments en 2004, puis aux constructions neuves, aux routes et enfin à tous les marchés adaptés en 2013.",
            ),
        ],
    },
    {
        "slug": "evaluation",
        "title": "Évaluer et rendre compte",
        "intro": "Mesurer les heures et les parcours, partager les résultats.",
        "stages": ["evaluer"],
        "units": [
            P(
                "indicateurs",
                "Suivez au minimum : heures réalisées par marché, nombre de personnes, types de contrats, publics, secteurs, et situation des personnes six mois après.",
            ),
            P(
                "devenir-suivi",
                "Le devenir des bénéficiaires se mesure à 6, 12 et 18 mois. En 2014, 13 % étaient en contrat à durée indéterminée au bout de 18 mois, contre 7 % au bout de 6 mois.",
            ),
            P(
                "abc-clauses",
                "Les facilitateurs enregistrent les marchés et les parcours dans un logiciel partagé ; les données régionales en sont extraites pour le diagnostic prévu par l'instruction de 2019.",
            ),
            P(
                "spaser-suivi",
                "Les acheteurs soumis à un schéma de promotion des achats responsables en publient le suivi chaque année.",
                ["spaser"],
            ),
            P(
                "bilan-facilitateur",
                "Les bilans d'activité des facilitateurs comportent des indicateurs sur les marchés de l'État et les recommandations de l'instruction de 2019.",
            ),
            P(
                "partager",
                "Publiez vos résultats : les entreprises et les structures d'insertion y voient l'intérêt de se préparer aux marchés suivants.",
            ),
            W(
                "bases-reduites",
                "Des échantillons qui se réduisent",
                "Le nombre de personnes dont on connaît la situation diminue fortement avec le temps : lisez les taux à 18 mois avec prudence.",
            ),
        ],
    },
    {
        "slug": "acteurs",
        "title": "Les acteurs qui vous accompagnent",
        "intro": "Facilitateurs, structures d'insertion, secteur du handicap et service public de l'emploi.",
        "stages": ["definir-le-besoin", "suivre-l-execution"],
        "units": [
            P(
                "facilitateurs",
                "Un peu plus de 300 facilitateurs, employés pour la plupart par des PLIE et des maisons de l'emploi, accompagnent les acheteurs, les entreprises et les candidats.",
            ),
            P(
                "couverture",
                "Le réseau ne couvre pas tout le territoire : en 2016, onze départements n'avaient aucun facilitateur identifié. Consultez l'annuaire pour trouver celui qui couvre votre territoire.",
            ),
            P(
                "siae",
                "Les structures d'insertion par l'activité économique — entreprises d'insertion, entreprises de travail temporaire d'insertion, associations intermédiaires, ateliers et chantiers d'insertion — réalisent environ la moitié des heures.",
            ),
            P(
                "ea-esat",
                "Les entreprises adaptées et les ESAT emploient des travailleurs handicapés ; une partie de leurs achats permet aux entreprises clientes de réduire leur contribution due au titre de l'obligation d'emploi.",
                ["marche-reserve-handicap"],
            ),
            P(
                "geiq",
                "Les groupements d'employeurs pour l'insertion et la qualification combinent emploi et formation qualifiante : environ 10 % des heures en 2014.",
            ),
            P(
                "revues-marches",
                "L'instruction de 2019 demande des revues régulières des marchés à venir, réunissant acheteurs, service public de l'emploi, facilitateurs, structures d'insertion et secteur du handicap.",
            ),
            P(
                "representants",
                "Chaque réseau désigne un représentant régional ou départemental, interlocuteur des plateformes régionales des achats de l'État.",
            ),
        ],
    },
]
